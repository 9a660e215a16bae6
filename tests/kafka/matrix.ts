/**
 * The access matrix: what each application may do according to its team file's intents, and what
 * it must not do. Expectations come from the intents and the team-file rules (issue 5), never from
 * the ACL compiler, so a compiler that grants too much or too little shows up as a mismatch.
 *
 * Intent semantics (team file format v1):
 * - principal `<team>-<app>`;
 * - `produces`: idempotent writes (and describe) on those topics;
 * - `consumes`: reads (and describe) on those topics with any group starting with `consumerGroup`
 *   (default `<prefix>.<app>`, a group prefix);
 * - `transactional`: transactional ids starting with `<prefix>.<app>`;
 * - `shareGroup`: reads (and describe) on its topics with exactly the share group id (default
 *   `<prefix>.<app>`); group ACLs do not tell group types apart, so that id works as any group;
 * - `groupProtocol: streams` (Streams): its group is exactly `<application id>`, no prefix;
 * - `streams`: application id `<prefix>.<app>`: its group, and internal topics `<application id>-…`
 *   it creates, writes and reads; with `transactional` (exactly-once) also transactional ids
 *   `<application id>-…`;
 * - nothing else: no other topic, group, transactional id, topic creation, or cluster operation.
 */

/** One application's declared intents, resolved (defaults applied). */
export interface AppIntents {
  team: string;
  prefix: string;
  name: string;
  /** Kafka principal name (= KafkaUser name). */
  principal: string;
  produces: string[];
  consumes: string[];
  consumerGroup: string;
  transactional: boolean;
  streams: boolean;
  /** `classic` (default), `consumer` or, for Streams, `streams`: a Streams group is then exactly `<application id>`. */
  groupProtocol: "classic" | "consumer" | "streams";
  /** Its share group (the literal group id) and the topics it reads through it. */
  shareGroup?: { id: string; consumes: string[] };
}

/** A team as the matrix needs it. */
export interface TeamIntents {
  team: string;
  prefix: string;
  topics: string[];
  applications: AppIntents[];
}

/** The Streams application id (and the prefix of its internal topics and transactional ids). */
export function applicationId(app: AppIntents): string {
  return `${app.prefix}.${app.name}`;
}

/** The name of a Streams app's internal topic, as Kafka Streams names them (`<application.id>-<name>`). */
export function internalTopic(app: AppIntents, suffix: string): string {
  return `${applicationId(app)}-${suffix}`;
}

/** The internal topics the Streams-like flow creates for a Streams app (a changelog and a repartition topic). */
export function streamsInternalTopics(app: AppIntents): string[] {
  return app.streams
    ? [internalTopic(app, "probe-store-changelog"), internalTopic(app, "probe-repartition")]
    : [];
}

const isInternalOf = (app: AppIntents, topic: string): boolean =>
  app.streams && topic.startsWith(`${applicationId(app)}-`);

export const may = {
  write: (app: AppIntents, topic: string): boolean =>
    app.produces.includes(topic) || isInternalOf(app, topic),
  read: (app: AppIntents, topic: string): boolean =>
    app.consumes.includes(topic) || !!app.shareGroup?.consumes.includes(topic) || isInternalOf(app, topic),
  describe: (app: AppIntents, topic: string): boolean => may.write(app, topic) || may.read(app, topic),
  create: (app: AppIntents, topic: string): boolean => isInternalOf(app, topic),
  // Group ACLs do not tell group types apart: a share group id is usable as any group, and a
  // consumer group prefix covers share groups under it too.
  useGroup: (app: AppIntents, group: string): boolean =>
    (app.streams && app.groupProtocol === "streams"
      ? group === applicationId(app)
      : (app.consumes.length > 0 || app.streams) && group.startsWith(app.consumerGroup)) ||
    (app.streams && group === applicationId(app)) ||
    group === app.shareGroup?.id,
  // Streams exactly-once needs `transactional: true` too; its ids are `<application id>-…`.
  useTransactionalId: (app: AppIntents, id: string): boolean =>
    app.transactional && id.startsWith(app.streams ? `${applicationId(app)}-` : applicationId(app)),
};

/** One access attempt and whether the intents allow it. */
export type Probe =
  | { kind: "produce"; app: AppIntents; topic: string; expect: boolean }
  | { kind: "consume"; app: AppIntents; topic: string; group: string; expect: boolean }
  | { kind: "describe"; app: AppIntents; topic: string; expect: boolean }
  | { kind: "create-topic"; app: AppIntents; topic: string; expect: boolean }
  | { kind: "transaction"; app: AppIntents; transactionalId: string; topic?: string; expect: boolean }
  | { kind: "streams-flow"; app: AppIntents; input: string; output: string; expect: true }
  | { kind: "alter-acls"; app: AppIntents; expect: false }
  | { kind: "login"; username: string; password: "wrong" | "unknown-user"; expect: false };

export function describeProbe(probe: Probe): string {
  switch (probe.kind) {
    case "produce":
    case "describe":
    case "create-topic":
      return `${probe.app.principal} ${probe.kind} ${probe.topic}`;
    case "consume":
      return `${probe.app.principal} consume ${probe.topic} as group ${probe.group}`;
    case "transaction":
      return `${probe.app.principal} transaction ${probe.transactionalId}${probe.topic ? ` on ${probe.topic}` : ""}`;
    case "streams-flow":
      return `${probe.app.principal} streams flow ${probe.input} -> ${probe.output}`;
    case "alter-acls":
      return `${probe.app.principal} create an ACL`;
    case "login":
      return `login as ${probe.username} with ${probe.password === "wrong" ? "a wrong password" : "an unknown user"}`;
  }
}

/**
 * Every probe for the teams (Streams flows first: they create the internal topics): each app against every topic (declared and Streams-internal), own and
 * foreign groups and transactional ids, topic creation inside and outside its Streams prefix, a
 * cluster operation, and logins with bad credentials.
 */
export function accessProbes(teams: TeamIntents[]): Probe[] {
  const apps = teams.flatMap((t) => t.applications);
  const declared = teams.flatMap((t) => t.topics);
  const topics = [...new Set([...declared, ...apps.flatMap(streamsInternalTopics)])].sort();
  const probes: Probe[] = [];
  for (const app of apps) {
    if (app.streams && app.consumes.length > 0 && app.produces.length > 0) {
      probes.push({
        kind: "streams-flow",
        app,
        input: app.consumes[0],
        output: app.produces[0],
        expect: true,
      });
    }
  }
  for (const app of apps) {
    const others = teams.filter((t) => t.team !== app.team);
    const ownTeam = teams.find((t) => t.team === app.team)!;

    for (const topic of topics) {
      probes.push({ kind: "produce", app, topic, expect: may.write(app, topic) });
      probes.push({ kind: "consume", app, topic, group: app.consumerGroup, expect: may.read(app, topic) });
      probes.push({ kind: "describe", app, topic, expect: may.describe(app, topic) });
    }

    // Groups (its own one is probed with every topic above): a name under it, its teammates', other
    // teams', and one just outside.
    const readable = topics.find((t) => may.read(app, t));
    if (readable) {
      const groups = new Set([
        `${app.consumerGroup}.replay`,
        `${app.prefix}.not-${app.name}`,
        ...ownTeam.applications.filter((a) => a !== app).map((a) => a.consumerGroup),
        ...others.map((t) => `${t.prefix}.${app.name}`),
      ]);
      for (const group of groups) {
        probes.push({ kind: "consume", app, topic: readable, group, expect: may.useGroup(app, group) });
      }
    }

    // Transactional ids: its own prefix, a teammate's, another team's.
    const writable = topics.find((t) => may.write(app, t));
    const transactionalIds = new Set([
      `${app.prefix}.${app.name}-probe`,
      `${app.prefix}.not-${app.name}-probe`,
      ...others.map((t) => `${t.prefix}.${app.name}-probe`),
    ]);
    for (const transactionalId of transactionalIds) {
      probes.push({
        kind: "transaction",
        app,
        transactionalId,
        topic: writable,
        expect: may.useTransactionalId(app, transactionalId),
      });
    }

    // Topic creation: under its Streams application id, elsewhere in its team, in another team.
    for (const topic of new Set([
      internalTopic(app, "probe-created"),
      `${app.prefix}.not-${app.name}-probe-created`,
      ...others.map((t) => `${t.prefix}.${app.name}-probe-created`),
    ])) {
      probes.push({ kind: "create-topic", app, topic, expect: may.create(app, topic) });
    }

    probes.push({ kind: "alter-acls", app, expect: false });
    probes.push({ kind: "login", username: app.principal, password: "wrong", expect: false });
  }
  probes.push({ kind: "login", username: "nobody-at-all", password: "unknown-user", expect: false });
  return probes;
}
