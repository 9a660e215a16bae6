/**
 * The validated organisation: every team with its topics, applications, grants and waivers, with
 * every reference resolved. Produced by `loadTeams`; consumed by the ACL compiler, the KafkaTeam
 * component, the CLI, the policy pack and the test tiers. Environment-specific values (topic
 * defaults, default quotas) are not part of it: they come from stack config when rendering.
 */
import { Quotas } from "../config/teams";
import type { Waiver } from "../waivers";

/** Where something is declared: `file` as shown in messages, 1-based line. */
export interface SourceRef {
  file: string;
  line?: number;
}

/** `teams/x.yaml:12` (or just the file when the line is unknown). */
export function formatSource(source: SourceRef): string {
  return source.line === undefined ? source.file : `${source.file}:${source.line}`;
}

/**
 * What the `kafka-platform.io/source` annotation on a Kubernetes object holds: the team file only.
 * With the line, an edit near the top of a file changed the annotation of every topic and user below
 * it, so every preview showed updates nobody made (found by the engine tier). Lines for messages
 * come from the model instead (`sourceLines`).
 */
export function sourceAnnotation(source: SourceRef): string {
  return source.file;
}

/**
 * Where each topic and user of the organisation is declared, by Kubernetes kind and Kafka name
 * (`KafkaTopic/<topic>`, `KafkaUser/<principal>`), as `teams/x.yaml:12`.
 */
export function sourceLines(org: Organisation): Map<string, string> {
  const lines = new Map<string, string>();
  for (const team of org.teams) {
    for (const topic of team.topics) lines.set(`KafkaTopic/${topic.name}`, formatSource(topic.source));
    for (const app of team.applications) lines.set(`KafkaUser/${app.principal}`, formatSource(app.source));
  }
  return lines;
}

export type Access = "read" | "write";

/** One access of another team to a topic, granted by the topic's owner. */
export interface TopicGrant {
  team: string;
  access: Access;
}

export interface TeamTopic {
  /** Kafka topic name. */
  name: string;
  /** Team that owns it. */
  team: string;
  partitions?: number;
  replicas?: number;
  /** Retention in milliseconds, `infinite`, or undefined for the environment default. */
  retentionMs?: number | "infinite";
  retentionBytes?: number;
  cleanupPolicy: "delete" | "compact" | "compact,delete";
  /** Further topic configs as written. */
  config: Record<string, string | number | boolean>;
  deletion: "protect" | "allow";
  /** Grants of other teams to this topic, in file order. */
  grants: TopicGrant[];
  /** Waivers (platform/waivers.yaml) that name this topic. */
  waivers: Waiver[];
  /** Catalog metadata from the file (all optional). */
  description?: string;
  classification?: string;
  /** A repository path (relative to the repository root) or an https URL. */
  schema?: string;
  tags?: string[];
  source: SourceRef;
}

/** A topic an application uses, and why it may. */
export interface TopicUse {
  topic: string;
  /** Team that owns the topic. */
  owner: string;
  /** `own` for the application's team's topics, `grant` for topics another team granted. */
  via: "own" | "grant";
}

/** Rebalance protocol of an application's group (`group.protocol`). */
export type GroupProtocol = "classic" | "consumer" | "streams";

/** An application's share group (KIP-932): its id, the topics it reads through it, its group configs. */
export interface TeamShareGroup {
  /** The share group id (the file's `shareGroup.id` or `appId`); a literal group name. */
  id: string;
  consumes: TopicUse[];
  /** Kafka group configs as declared (`share.auto.offset.reset`, …), by Kafka name. */
  configs: Record<string, string | number>;
}

export interface TeamApplication {
  name: string;
  team: string;
  /** Kafka principal name and KafkaUser name: `<team>-<name>`. */
  principal: string;
  /** `<prefix>.<name>`: default consumer group, transactional-id prefix, Streams application.id. */
  appId: string;
  /** Consumer group prefix (the file's `consumerGroup` or `appId`). */
  consumerGroup: string;
  produces: TopicUse[];
  consumes: TopicUse[];
  transactional: boolean;
  streams: boolean;
  /** Rebalance protocol of its consumer or Streams group (default `classic`). */
  groupProtocol: GroupProtocol;
  /** Its share group, when it consumes through one. */
  shareGroup?: TeamShareGroup;
  /** The application's own quotas, else its team's; undefined for the environment default. */
  quotas?: Quotas;
  waivers: Waiver[];
  /** What the application does (catalog). */
  description?: string;
  source: SourceRef;
}

export interface Team {
  name: string;
  /** The team file as shown in messages, e.g. `teams/payments.yaml`. */
  file: string;
  description?: string;
  owners: string[];
  /** Namespace that receives the credentials Secrets. */
  namespace: string;
  /** The team owns every Kafka name that starts with `<prefix>.`. */
  prefix: string;
  quotas?: Quotas;
  /** Thresholds of the team's alerts, from the file's `alerts`. */
  alerts?: { maxLagMessages?: number };
  /** Argo CD source of the team's workloads, from the file's `gitops` (targetRevision defaulted). */
  gitops?: { repoURL: string; path: string; targetRevision: string };
  topics: TeamTopic[];
  applications: TeamApplication[];
  /** The team's waivers from platform/waivers.yaml (also attached to the topics and applications they name). */
  waivers: Waiver[];
}

export interface Organisation {
  teams: Team[];
}

export function findTeam(org: Organisation, name: string): Team | undefined {
  return org.teams.find((t) => t.name === name);
}

/** The topic and its owner, across all teams. */
export function findTopic(org: Organisation, name: string): TeamTopic | undefined {
  for (const team of org.teams) {
    const topic = team.topics.find((t) => t.name === name);
    if (topic) return topic;
  }
  return undefined;
}
