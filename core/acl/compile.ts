/**
 * The ACL compiler: what an application declares (its intents) → least-privilege Strimzi v1 ACL
 * rules, each with the intent that produced it. Pure; used by the KafkaTeam component, `explain`,
 * the policy pack and the test tiers.
 *
 * Least privilege: literal topic rules for what an application produces and consumes; prefixed
 * rules only for names the application generates (consumer groups, transactional ids, Streams
 * internal topics), each under the application's own prefix; never `*`, never `All`, no cluster
 * operations (brokers since Kafka 3.0 need only Write for idempotent producers). `Describe` is
 * listed beside `Read`/`Write` although Kafka implies it, so every rule reads on its own.
 */
import { TeamApplication, TopicUse } from "../teams/model";

export type AclResourceType = "topic" | "group" | "transactionalId";
export type AclOperation = "Read" | "Write" | "Create" | "Delete" | "Describe" | "DescribeConfigs";

/** One rule as Strimzi's KafkaUser `spec.authorization.acls[]` (v1) takes it; type is `allow`. */
export interface StrimziAclRule {
  resource: { type: AclResourceType; name: string; patternType: "literal" | "prefix" };
  operations: AclOperation[];
}

/** Why a rule exists. */
export type AclIntentKind =
  | "produce"
  | "consume"
  | "consumer-group"
  | "transactional-id"
  | "streams-internal-topics"
  | "streams-group"
  | "streams-exactly-once"
  | "streams-protocol-internal-topics"
  | "streams-protocol-group"
  | "share-consume"
  | "share-group";

export interface AclIntent {
  kind: AclIntentKind;
  /** The topic the intent is about (produce, consume). */
  topic?: string;
  /** For granted topics: the team that owns and granted it. */
  grantedBy?: string;
  /** One sentence for people (explain, PR comments). */
  reason: string;
}

export interface CompiledAclRule {
  rule: StrimziAclRule;
  intent: AclIntent;
}

/** Operations per intent: the whole least-privilege vocabulary of the platform. */
export const INTENT_OPERATIONS: Record<AclIntentKind, AclOperation[]> = {
  produce: ["Write", "Describe"],
  consume: ["Read", "Describe"],
  "consumer-group": ["Read", "Describe"],
  "transactional-id": ["Write", "Describe"],
  // Streams creates its changelog/repartition topics, reads and writes them, purges repartition
  // topics (DeleteRecords needs Delete) and checks their configs.
  "streams-internal-topics": ["Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs"],
  "streams-group": ["Read", "Describe"],
  "streams-exactly-once": ["Write", "Describe"],
  // On the streams protocol (KIP-1071) the broker creates the internal topics with the configs the
  // client's topology asks for (authorised as the client: Create), so the client needs no
  // DescribeConfigs; it still reads, writes and purges them.
  "streams-protocol-internal-topics": ["Create", "Read", "Write", "Delete", "Describe"],
  "streams-protocol-group": ["Read", "Describe"],
  // ShareFetch and ShareAcknowledge need Read on the topic and the group; ShareGroupHeartbeat Read on the group.
  "share-consume": ["Read", "Describe"],
  "share-group": ["Read", "Describe"],
};

/**
 * The resource each intent's rule is on: its type, pattern and a suffix the compiler appends to the
 * name (`<app-id>-` for Kafka Streams). The policy pack checks hand-made ACLs against this table.
 */
export const INTENT_RESOURCES: Record<
  AclIntentKind,
  { type: AclResourceType; patternType: "literal" | "prefix"; nameSuffix?: string }
> = {
  produce: { type: "topic", patternType: "literal" },
  consume: { type: "topic", patternType: "literal" },
  "consumer-group": { type: "group", patternType: "prefix" },
  "transactional-id": { type: "transactionalId", patternType: "prefix" },
  "streams-internal-topics": { type: "topic", patternType: "prefix", nameSuffix: "-" },
  "streams-group": { type: "group", patternType: "prefix" },
  "streams-exactly-once": { type: "transactionalId", patternType: "prefix", nameSuffix: "-" },
  "streams-protocol-internal-topics": { type: "topic", patternType: "prefix", nameSuffix: "-" },
  "streams-protocol-group": { type: "group", patternType: "literal" },
  "share-consume": { type: "topic", patternType: "literal" },
  "share-group": { type: "group", patternType: "literal" },
};

function rule(kind: AclIntentKind, name: string, intent: Omit<AclIntent, "kind">): CompiledAclRule {
  const { type, patternType, nameSuffix = "" } = INTENT_RESOURCES[kind];
  return {
    rule: {
      resource: { type, name: `${name}${nameSuffix}`, patternType },
      operations: [...INTENT_OPERATIONS[kind]],
    },
    intent: { kind, ...intent },
  };
}

function topicIntent(use: TopicUse, verb: string, access: string) {
  return {
    topic: use.topic,
    ...(use.via === "grant" ? { grantedBy: use.owner } : {}),
    reason:
      use.via === "own"
        ? `${verb} ${use.topic} (a topic of its team)`
        : `${verb} ${use.topic} (granted ${access} access by team ${use.owner})`,
  };
}

/** The ACL rules of one application, in a stable order: topics, groups, share group, transactional ids, Streams. */
export function compileAcls(app: TeamApplication): CompiledAclRule[] {
  const rules: CompiledAclRule[] = [];
  for (const use of app.produces) {
    rules.push(rule("produce", use.topic, topicIntent(use, "produces to", "write")));
  }
  for (const use of app.consumes) {
    rules.push(rule("consume", use.topic, topicIntent(use, "consumes from", "read")));
  }
  if (app.consumes.length > 0 && !app.streams) {
    const protocol = app.groupProtocol === "consumer" ? " (group.protocol=consumer)" : "";
    rules.push(
      rule("consumer-group", app.consumerGroup, {
        reason: `joins consumer groups starting with "${app.consumerGroup}"${protocol} and commits their offsets`,
      }),
    );
  }
  if (app.shareGroup) {
    const group = app.shareGroup.id;
    // A topic it also consumes through `consumes` already has this very rule.
    const consumed = new Set(app.consumes.map((use) => use.topic));
    for (const use of app.shareGroup.consumes.filter((u) => !consumed.has(u.topic))) {
      rules.push(
        rule(
          "share-consume",
          use.topic,
          topicIntent(use, `consumes through share group "${group}" from`, "read"),
        ),
      );
    }
    rules.push(
      rule("share-group", group, {
        reason: `joins share group "${group}" (KIP-932), fetches and acknowledges records one by one`,
      }),
    );
  }
  if (app.transactional && !app.streams) {
    rules.push(
      rule("transactional-id", app.appId, {
        reason: `produces in transactions with transactional.id starting with "${app.appId}"`,
      }),
    );
  }
  if (app.streams && app.groupProtocol === "streams") {
    rules.push(
      rule("streams-protocol-internal-topics", app.appId, {
        reason: `Kafka Streams application.id "${app.appId}" on the streams protocol: the broker creates its internal changelog and repartition topics "${app.appId}-*" for it; it reads, writes and purges them`,
      }),
      rule("streams-protocol-group", app.appId, {
        reason: `Kafka Streams application.id "${app.appId}": its streams group (group.protocol=streams)`,
      }),
    );
  } else if (app.streams) {
    rules.push(
      rule("streams-internal-topics", app.appId, {
        reason: `Kafka Streams application.id "${app.appId}": creates and uses its internal changelog and repartition topics "${app.appId}-*"`,
      }),
      rule("streams-group", app.appId, {
        reason: `Kafka Streams application.id "${app.appId}": its consumer group`,
      }),
    );
  }
  if (app.streams) {
    if (app.transactional) {
      rules.push(
        rule("streams-exactly-once", app.appId, {
          reason: `Kafka Streams exactly-once (processing.guarantee=exactly_once_v2): transactional ids "${app.appId}-*"`,
        }),
      );
    }
  }
  return rules;
}

/** The rules as `spec.authorization.acls` takes them. */
export function aclRules(compiled: readonly CompiledAclRule[]): StrimziAclRule[] {
  return compiled.map((c) => c.rule);
}

/**
 * The value of the `kafka-platform.io/acl-intents` annotation: a JSON map from the rule's index in
 * `spec.authorization.acls` to its intent (the CRD itself admits no extra fields).
 */
export function aclIntentsAnnotation(compiled: readonly CompiledAclRule[]): string {
  return JSON.stringify(Object.fromEntries(compiled.map((c, i) => [String(i), c.intent])));
}

/** Parses the annotation back (for the policy pack and tests). */
export function parseAclIntentsAnnotation(value: string): Record<string, AclIntent> {
  return JSON.parse(value) as Record<string, AclIntent>;
}
