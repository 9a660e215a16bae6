/**
 * What differs between two organisations, team by team, with effective values per environment
 * (a topic that leaves its partitions to the environment has 1 in dev and 6 in prod). Pure: the
 * classification (classify.ts) decides what each change means.
 */
import { compileAcls, CompiledAclRule } from "../acl/compile";
import { Quotas } from "../config/teams";
import { credentialsSecretName } from "../strimzi/names";
import { topicConfig } from "../strimzi/topic";
import { formatSource, Organisation, SourceRef, Team, TeamApplication, TeamTopic } from "../teams/model";
import { Change, EnvironmentFacts, ReportValue, ValueChange } from "./model";

/** A change before classification, with the facts the classification needs. */
export interface DetectedChange extends Omit<Change, "severity" | "message" | "accepted"> {
  /** Deletions and renames: the base topic's deletion policy; creations: the new topic's. */
  deletion?: "protect" | "allow";
  /** namespace-changed, team-removed: applications of the team on either side. */
  applications?: string[];
  /** topic-created/-deleted: applications that use the topic (principals). */
  users?: string[];
}

/** The effective settings of a topic in one environment: the KafkaTopic's partitions, replicas, config. */
export function effectiveTopic(topic: TeamTopic, env: EnvironmentFacts): Record<string, ReportValue> {
  const defaults = env.teams.topicDefaults;
  const config = topicConfig(topic, {
    environment: env.name === "prod" ? "prod" : "dev",
    clusterName: "",
    namespace: "",
    teams: env.teams,
  });
  return {
    partitions: topic.partitions ?? defaults.partitions,
    replicas: topic.replicas ?? defaults.replicas,
    ...config,
  };
}

/** The effective quotas of an application in one environment. */
function effectiveQuotas(app: TeamApplication, env: EnvironmentFacts): Quotas {
  return app.quotas ?? env.teams.defaultQuotas;
}

const EMPTY_TEAM = (name: string): Team => ({
  name,
  file: "",
  owners: [],
  namespace: "",
  prefix: name,
  topics: [],
  applications: [],
  waivers: [],
});

/** Every change from `base` to `head`, grouped by team (sorted), in a stable order within a team. */
export function detectChanges(
  base: Organisation,
  head: Organisation,
  envs: readonly EnvironmentFacts[],
): DetectedChange[] {
  const names = [...new Set([...base.teams, ...head.teams].map((t) => t.name))].sort();
  const owner = (org: Organisation) =>
    new Map(org.teams.flatMap((t) => t.topics.map((topic) => [topic.name, t.name] as const)));
  const baseOwner = owner(base);
  const headOwner = owner(head);
  const out: DetectedChange[] = [];
  for (const name of names) {
    const before = base.teams.find((t) => t.name === name);
    const after = head.teams.find((t) => t.name === name);
    out.push(
      ...teamChanges(before ?? EMPTY_TEAM(name), after ?? EMPTY_TEAM(name), {
        envs,
        baseOwner,
        headOwner,
        base,
        head,
        added: !before,
        removed: !after,
      }),
    );
  }
  return out;
}

interface TeamContext {
  envs: readonly EnvironmentFacts[];
  baseOwner: Map<string, string>;
  headOwner: Map<string, string>;
  base: Organisation;
  head: Organisation;
  added: boolean;
  removed: boolean;
}

function teamChanges(before: Team, after: Team, ctx: TeamContext): DetectedChange[] {
  const team = after.name;
  const out: DetectedChange[] = [];
  const at = (source: SourceRef) => formatSource(source);
  const appNames = [...new Set([...before.applications, ...after.applications].map((a) => a.name))];
  if (ctx.added) out.push({ kind: "team-added", team, source: after.file });
  if (ctx.removed) {
    out.push({
      kind: "team-removed",
      team,
      source: before.file,
      applications: appNames,
      value: { old: before.namespace, new: null },
    });
  }
  if (!ctx.added && !ctx.removed && before.namespace !== after.namespace) {
    out.push({
      kind: "namespace-changed",
      team,
      field: "namespace",
      value: { old: before.namespace, new: after.namespace },
      applications: appNames,
      source: after.file,
    });
  }
  out.push(...topicChanges(before, after, ctx));
  out.push(...grantChanges(before, after, at));
  out.push(...applicationChanges(before, after, ctx));
  return out;
}

/** The principals that produce to or consume from a topic. */
function usersOf(org: Organisation, topic: string): string[] {
  return org.teams
    .flatMap((t) => t.applications)
    .filter((a) => [...a.produces, ...a.consumes].some((u) => u.topic === topic))
    .map((a) => a.principal)
    .sort();
}

/** The users of a topic with the topic's name replaced, to compare a deleted topic with a created one. */
function sameUse(base: Organisation, head: Organisation, from: string, to: string): boolean {
  const uses = (org: Organisation, topic: string) =>
    org.teams
      .flatMap((t) => t.applications)
      .flatMap((a) => [
        ...a.produces.filter((u) => u.topic === topic).map(() => `${a.principal} produces`),
        ...a.consumes.filter((u) => u.topic === topic).map(() => `${a.principal} consumes`),
      ])
      .sort()
      .join(",");
  return uses(base, from) === uses(head, to);
}

function topicChanges(before: Team, after: Team, ctx: TeamContext): DetectedChange[] {
  const team = after.name;
  const out: DetectedChange[] = [];
  const headTopics = new Map(after.topics.map((t) => [t.name, t]));
  const baseTopics = new Map(before.topics.map((t) => [t.name, t]));
  // Gone from the organisation (not moved to another team) and new to it.
  const deleted = before.topics.filter((t) => !ctx.headOwner.has(t.name));
  const created = after.topics.filter((t) => !ctx.baseOwner.has(t.name));
  const renames = likelyRenames(deleted, created, ctx);

  for (const old of before.topics) {
    const now = headTopics.get(old.name);
    if (now) {
      out.push(...topicFieldChanges(old, now, ctx.envs));
      continue;
    }
    const movedTo = ctx.headOwner.get(old.name);
    if (movedTo !== undefined) {
      out.push({
        kind: "topic-moved",
        team,
        topic: old.name,
        newTopic: old.name,
        newTeam: movedTo,
        deletion: old.deletion,
        source: formatSource(old.source),
      });
      continue;
    }
    const renamed = renames.get(old.name);
    if (renamed) {
      out.push({
        kind: "topic-renamed",
        team,
        topic: old.name,
        newTopic: renamed.name,
        deletion: old.deletion,
        users: usersOf(ctx.base, old.name),
        source: formatSource(renamed.source),
      });
      continue;
    }
    out.push({
      kind: "topic-deleted",
      team,
      topic: old.name,
      deletion: old.deletion,
      users: usersOf(ctx.base, old.name),
      source: formatSource(old.source),
    });
  }
  const renamedTo = new Set([...renames.values()].map((t) => t.name));
  for (const topic of after.topics) {
    if (baseTopics.has(topic.name) || renamedTo.has(topic.name)) continue;
    // A topic moved here from another team is reported by its old team.
    if (ctx.baseOwner.has(topic.name)) continue;
    out.push({
      kind: "topic-created",
      team,
      topic: topic.name,
      deletion: topic.deletion,
      users: usersOf(ctx.head, topic.name),
      source: formatSource(topic.source),
    });
  }
  return out;
}

/**
 * Deleted and created topics of a team that are most likely one topic renamed: the same effective
 * settings in every environment, the same grants and the same producers and consumers. Only
 * unambiguous pairs count.
 */
function likelyRenames(deleted: TeamTopic[], created: TeamTopic[], ctx: TeamContext): Map<string, TeamTopic> {
  const fingerprint = (t: TeamTopic) =>
    JSON.stringify([ctx.envs.map((env) => effectiveTopic(t, env)), t.grants, t.deletion]);
  const pairs = new Map<string, TeamTopic>();
  for (const old of deleted) {
    const candidates = created.filter(
      (c) => fingerprint(c) === fingerprint(old) && sameUse(ctx.base, ctx.head, old.name, c.name),
    );
    const rivals = deleted.filter(
      (d) =>
        candidates.length === 1 &&
        fingerprint(d) === fingerprint(old) &&
        sameUse(ctx.base, ctx.head, d.name, candidates[0].name),
    );
    if (candidates.length === 1 && rivals.length === 1) pairs.set(old.name, candidates[0]);
  }
  return pairs;
}

/** Which change kind a topic setting belongs to. */
function settingKind(key: string): DetectedChange["kind"] {
  if (key === "partitions") return "partitions-changed";
  if (key === "replicas") return "replicas-changed";
  if (key === "cleanup.policy") return "cleanup-policy-changed";
  if (key === "retention.ms" || key === "retention.bytes") return "retention-changed";
  return "topic-config-changed";
}

function topicFieldChanges(
  old: TeamTopic,
  now: TeamTopic,
  envs: readonly EnvironmentFacts[],
): DetectedChange[] {
  const out: DetectedChange[] = [];
  const before = envs.map((env) => effectiveTopic(old, env));
  const after = envs.map((env) => effectiveTopic(now, env));
  const keys = [...new Set([...before, ...after].flatMap((c) => Object.keys(c)))];
  for (const key of keys) {
    const environments: Record<string, ValueChange> = {};
    envs.forEach((env, i) => {
      const o = before[i][key] ?? null;
      const n = after[i][key] ?? null;
      if (o !== n) environments[env.name] = { old: o, new: n };
    });
    if (Object.keys(environments).length === 0) continue;
    out.push({
      kind: settingKind(key),
      team: now.team,
      topic: now.name,
      field: key,
      environments,
      source: formatSource(now.source),
    });
  }
  if (old.deletion !== now.deletion) {
    out.push({
      kind: "deletion-policy-changed",
      team: now.team,
      topic: now.name,
      field: "deletion",
      value: { old: old.deletion, new: now.deletion },
      source: formatSource(now.source),
    });
  }
  return out;
}

function grantChanges(before: Team, after: Team, at: (s: SourceRef) => string): DetectedChange[] {
  const out: DetectedChange[] = [];
  const grants = (t: Team) =>
    new Map(
      t.topics.flatMap((topic) =>
        topic.grants.map((g) => [`${topic.name} ${g.team} ${g.access}`, { topic, g }] as const),
      ),
    );
  const old = grants(before);
  const now = grants(after);
  for (const [key, { topic, g }] of old) {
    // Grants of a topic that is gone go with it; the deletion is the change to review.
    if (!now.has(key) && after.topics.some((t) => t.name === topic.name)) {
      out.push({
        kind: "grant-revoked",
        team: after.name,
        topic: topic.name,
        field: g.access,
        value: { old: g.team, new: null },
        source: at(topic.source),
      });
    }
  }
  for (const [key, { topic, g }] of now) {
    if (!old.has(key)) {
      out.push({
        kind: "grant-added",
        team: after.name,
        topic: topic.name,
        field: g.access,
        value: { old: null, new: g.team },
        source: at(topic.source),
      });
    }
  }
  return out;
}

function applicationChanges(before: Team, after: Team, ctx: TeamContext): DetectedChange[] {
  const out: DetectedChange[] = [];
  const team = after.name;
  const names = [...new Set([...before.applications, ...after.applications].map((a) => a.name))];
  for (const name of names) {
    const old = before.applications.find((a) => a.name === name);
    const now = after.applications.find((a) => a.name === name);
    const source = formatSource((now ?? old)!.source);
    const secret = credentialsSecretName(name);
    if (!old)
      out.push({
        kind: "credentials-created",
        team,
        application: name,
        field: secret,
        value: { old: null, new: after.namespace },
        source,
      });
    if (!now)
      out.push({
        kind: "credentials-removed",
        team,
        application: name,
        field: secret,
        value: { old: before.namespace, new: null },
        source,
      });
    out.push(...aclChanges(team, name, old ? compileAcls(old) : [], now ? compileAcls(now) : [], source));
    if (old && now) out.push(...quotaChanges(old, now, ctx.envs, source));
  }
  return out;
}

function aclChanges(
  team: string,
  application: string,
  old: CompiledAclRule[],
  now: CompiledAclRule[],
  source: string,
): DetectedChange[] {
  const key = (c: CompiledAclRule) => JSON.stringify(c.rule);
  const oldKeys = new Set(old.map(key));
  const newKeys = new Set(now.map(key));
  const change = (kind: "acl-rule-added" | "acl-rule-removed", c: CompiledAclRule): DetectedChange => ({
    kind,
    team,
    application,
    rule: c.rule,
    intent: { kind: c.intent.kind, reason: c.intent.reason },
    source,
  });
  return [
    ...old.filter((c) => !newKeys.has(key(c))).map((c) => change("acl-rule-removed", c)),
    ...now.filter((c) => !oldKeys.has(key(c))).map((c) => change("acl-rule-added", c)),
  ];
}

function quotaChanges(
  old: TeamApplication,
  now: TeamApplication,
  envs: readonly EnvironmentFacts[],
  source: string,
): DetectedChange[] {
  const out: DetectedChange[] = [];
  const keys: (keyof Quotas)[] = [
    "producerByteRate",
    "consumerByteRate",
    "requestPercentage",
    "controllerMutationRate",
  ];
  for (const field of keys) {
    const environments: Record<string, ValueChange> = {};
    for (const env of envs) {
      const o = effectiveQuotas(old, env)[field] ?? null;
      const n = effectiveQuotas(now, env)[field] ?? null;
      if (o !== n) environments[env.name] = { old: o, new: n };
    }
    if (Object.keys(environments).length > 0) {
      out.push({
        kind: "quotas-changed",
        team: now.team,
        application: now.name,
        field,
        environments,
        source,
      });
    }
  }
  return out;
}
