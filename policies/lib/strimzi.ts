/**
 * The Strimzi `kafka.strimzi.io/v1` objects the policies read, as the program registers them
 * (resource inputs), and small readers over them. Only the fields the policies use are typed.
 */
import { PREFIX_ANNOTATION, STRIMZI_CLUSTER_LABEL, TEAM_LABEL } from "../../core/labels";

export const STRIMZI_KINDS = ["KafkaTopic", "KafkaUser", "Kafka", "KafkaNodePool"] as const;
export type StrimziKind = (typeof STRIMZI_KINDS)[number];

const TYPE_PREFIX = "kubernetes:kafka.strimzi.io/v1:";

/** The Pulumi type token of a Strimzi kind, e.g. `kubernetes:kafka.strimzi.io/v1:KafkaTopic`. */
export function strimziType(kind: StrimziKind): string {
  return `${TYPE_PREFIX}${kind}`;
}

const KIND_BY_TYPE = new Map<string, StrimziKind>(STRIMZI_KINDS.map((k) => [strimziType(k), k]));

/** The Strimzi kind of a Pulumi type token, or undefined for any other type. */
export function strimziKindOf(type: string): StrimziKind | undefined {
  return KIND_BY_TYPE.get(type);
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Topic and broker config values: Strimzi accepts strings, numbers and booleans. */
export type ConfigValue = string | number | boolean;

export interface KafkaTopic {
  metadata?: ObjectMeta;
  spec?: {
    topicName?: string;
    partitions?: number;
    replicas?: number;
    config?: Record<string, ConfigValue>;
  };
}

export interface AclRule {
  type?: "allow" | "deny";
  resource: { type: "topic" | "group" | "cluster" | "transactionalId"; name?: string; patternType?: string };
  operations?: string[];
  host?: string;
}

export interface KafkaUser {
  metadata?: ObjectMeta;
  spec?: {
    authentication?: { type?: string };
    authorization?: { type?: string; acls?: AclRule[] };
    quotas?: Record<string, number>;
  };
}

export interface KafkaListener {
  name?: string;
  port?: number;
  type?: string;
  tls?: boolean;
  authentication?: { type?: string };
}

export interface Kafka {
  metadata?: ObjectMeta;
  spec?: {
    kafka?: {
      version?: string;
      /** Strimzi's tiered storage settings; absent: the brokers have no remote storage. */
      tieredStorage?: Record<string, unknown>;
      listeners?: KafkaListener[];
      authorization?: { type?: string; superUsers?: string[] };
      config?: Record<string, ConfigValue>;
    };
  };
}

export interface Storage {
  type?: string;
  deleteClaim?: boolean;
  size?: string;
  volumes?: Storage[];
}

export interface KafkaNodePool {
  metadata?: ObjectMeta;
  spec?: { replicas?: number; roles?: string[]; storage?: Storage };
}

export type StrimziObject = KafkaTopic | KafkaUser | Kafka | KafkaNodePool;

export function labelOf(obj: StrimziObject, key: string): string | undefined {
  return obj.metadata?.labels?.[key];
}

export function annotationOf(obj: StrimziObject, key: string): string | undefined {
  return obj.metadata?.annotations?.[key];
}

/** The owning team (label). */
export function teamOf(obj: StrimziObject): string | undefined {
  return labelOf(obj, TEAM_LABEL);
}

/** The owning team's name prefix (annotation), falling back to the team name as the team format does. */
export function prefixOf(obj: StrimziObject): string | undefined {
  return annotationOf(obj, PREFIX_ANNOTATION) ?? teamOf(obj);
}

/** The Strimzi cluster an object belongs to (for Kafka, its own name). */
export function clusterOf(obj: StrimziObject, kind: StrimziKind): string {
  if (kind === "Kafka") return obj.metadata?.name ?? "";
  return labelOf(obj, STRIMZI_CLUSTER_LABEL) ?? "";
}

/** The Kafka topic name: `spec.topicName`, else `metadata.name` (as the topic operator does). */
export function topicNameOf(topic: KafkaTopic): string {
  return topic.spec?.topicName ?? topic.metadata?.name ?? "";
}

/** True when `name` lies inside the namespace `<prefix>.` that a team owns. */
export function isInsidePrefix(name: string, prefix: string): boolean {
  return name.startsWith(`${prefix}.`);
}

/** Every proper dot-segment ancestor of a name: `a.b.c` → `a`, `a.b`. */
export function ancestorsOf(name: string): string[] {
  const ancestors: string[] = [];
  for (let i = name.indexOf("."); i > 0; i = name.indexOf(".", i + 1)) ancestors.push(name.slice(0, i));
  return ancestors;
}

/** The team that owns a prefix, and the first resource that showed it. */
export interface PrefixOwner<R> {
  team: string;
  resource: R;
}

/**
 * Index prefix → owning team over team objects (topics and users), in one pass: the first object
 * with a team and a prefix wins; `onConflict` hears of every later object of another team that
 * uses the same prefix.
 */
export function prefixOwners<R extends { object: StrimziObject }>(
  resources: Iterable<R>,
  onConflict?: (resource: R, team: string, prefix: string, owner: PrefixOwner<R>) => void,
): Map<string, PrefixOwner<R>> {
  const owners = new Map<string, PrefixOwner<R>>();
  for (const resource of resources) {
    const team = teamOf(resource.object);
    const prefix = prefixOf(resource.object);
    if (!team || !prefix) continue;
    const owner = owners.get(prefix);
    if (!owner) owners.set(prefix, { team, resource });
    else if (owner.team !== team) onConflict?.(resource, team, prefix, owner);
  }
  return owners;
}

/** A numeric config value (numbers may be given as strings), or undefined when absent or not a number. */
export function numericConfig(
  config: Record<string, ConfigValue> | undefined,
  key: string,
): number | undefined {
  const value = config?.[key];
  if (value === undefined || value === "" || typeof value === "boolean") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean config value (`true`/`"true"`), or undefined when absent. */
export function booleanConfig(
  config: Record<string, ConfigValue> | undefined,
  key: string,
): boolean | undefined {
  const value = config?.[key];
  if (value === undefined) return undefined;
  return value === true || String(value).toLowerCase() === "true";
}

/** The cleanup policies of a topic config (`delete`, `compact` or both). */
export function cleanupPoliciesOf(config: Record<string, ConfigValue> | undefined): string[] {
  return String(config?.["cleanup.policy"] ?? "delete")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const MS_PER_DAY = 86_400_000;

/** Milliseconds as a short human duration for messages, e.g. `30d`, `12h`, `1500ms`. */
export function formatMs(ms: number): string {
  if (ms % MS_PER_DAY === 0) return `${ms / MS_PER_DAY}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= MS_PER_DAY) return `${(ms / MS_PER_DAY).toFixed(1)}d`;
  return `${ms}ms`;
}
