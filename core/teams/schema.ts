/**
 * The team file format (v1), the single source of truth for validation, the model and the
 * published JSON Schema (`schemas/team-file.schema.json`). Structural rules live here; rules that
 * span fields, files or teams live in `rules.ts`.
 *
 * To extend the format (e.g. `alerts`, `gitops`), add an optional field to `TeamFile` (or to
 * `Topic`/`Application`) with a `.describe()`, carry it into the model in `model.ts`, and
 * regenerate the JSON Schema with `npm run schema:team`.
 */
import { z } from "zod";
import { Quotas } from "../config/teams";
import { DURATION } from "./duration";
import { KAFKA_TOPIC_CONFIGS } from "./topic-configs";

/** Team names: also file names, KafkaUser name parts and the default prefix and namespace. */
export const TEAM_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
/** Application names (1–41 characters; no trailing `-`, so `<team>-<app>` is a valid Kubernetes name). */
export const APP_NAME = /^[a-z](?:[a-z0-9-]{0,39}[a-z0-9])?$/;
/** Kafka topic names (Kafka's own rule). */
export const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
/** Name prefixes: lower-case words separated by `.`, e.g. `payments` or `acme.payments`. */
export const PREFIX = /^[a-z](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z](?:[a-z0-9-]*[a-z0-9])?)*$/;
/** Kubernetes namespace names (DNS-1123 labels). */
export const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
/** Consumer group ids this platform accepts (Kafka allows more, but these stay readable in ACLs). */
export const GROUP_ID = /^[a-zA-Z0-9._-]{1,249}$/;

/** Classifications and tags: lower-case words joined by "-", e.g. `personal-data`. */
export const KEBAB_WORD = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Catalog metadata: one line for people, shown in the catalog and in `explain`. */
const Description = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be one line of at most 200 characters")
  .regex(/^[^\r\n]*$/, "must be one line");

/** A schema reference: a relative path in the repository (checked to exist) or an https URL. */
const SchemaRef = z
  .string()
  .regex(
    /^(?:https:\/\/[^\s]+|(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s:]+)$/,
    "must be a relative path in the repository (no leading / and no ..) or an https:// URL",
  );

const TopicConfigValue = z.union([z.string(), z.number(), z.boolean()]);

export const TopicConfig = z
  .strictObject(Object.fromEntries(KAFKA_TOPIC_CONFIGS.map((name) => [name, TopicConfigValue.optional()])))
  .describe("Further Kafka topic configs (known names, scalar values).");

export const Retention = z
  .union([
    z.literal("infinite").describe("Keep records forever (only with compaction)."),
    z.string().regex(DURATION, `must be a duration such as 7d (units s, m, h, d, w)`),
    z.number().int().min(1).describe("Milliseconds."),
  ])
  .describe("How long records are kept: a duration such as 7d, integer milliseconds, or `infinite`.");

export const CleanupPolicy = z.enum(["delete", "compact", "compact,delete"]);

export const DeletionPolicy = z
  .enum(["protect", "allow"])
  .describe("May removing this topic from the file delete its data? `protect` (default) or `allow`.");

export const Topic = z.strictObject({
  name: z
    .string()
    .regex(TOPIC_NAME, `must be a Kafka topic name (letters, digits, ".", "_", "-"; 1-249 characters)`)
    .describe('Kafka topic name; starts with "<prefix>."; unique across all teams.'),
  partitions: z.number().int().min(1).optional().describe("Partitions (default per environment)."),
  replicas: z.number().int().min(1).optional().describe("Replicas (default per environment)."),
  retention: Retention.optional(),
  retentionBytes: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Maximum bytes per partition (retention.bytes)."),
  cleanupPolicy: CleanupPolicy.optional().describe("delete (default), compact or compact,delete."),
  config: TopicConfig.optional(),
  deletion: DeletionPolicy.optional(),
  description: Description.optional().describe("What the topic carries, one line (catalog)."),
  classification: z
    .string()
    .regex(KEBAB_WORD, "must be a classification such as internal")
    .optional()
    .describe(
      "How sensitive its data is: one of the platform's classifications (default public, internal, confidential, personal-data).",
    ),
  schema: SchemaRef.optional().describe(
    "Where the record schema is: a path in the repository or an https:// URL (catalog).",
  ),
  tags: z
    .array(z.string().regex(KEBAB_WORD, "must be a lower-case tag such as billing or pii").max(40))
    .optional()
    .describe("Free tags for searching the catalog."),
});
export type Topic = z.infer<typeof Topic>;

const TopicRef = z.string().regex(TOPIC_NAME, "must be a Kafka topic name");

/** Group rebalance protocols (`group.protocol` of consumers, Streams' `group.protocol`). */
export const GroupProtocol = z
  .enum(["classic", "consumer", "streams"])
  .describe(
    "Rebalance protocol of its group: classic (default), consumer (KIP-848, Kafka 4.0+) or, for Streams applications, streams (KIP-1071, Kafka 4.2+).",
  );

/**
 * Share-group settings: Kafka 4.3's group configs (`GroupConfig`), ranges within the broker's
 * default bounds (`group.share.min/max.*`), which the platform does not change.
 */
export const ShareGroup = z.strictObject({
  id: z
    .string()
    .regex(GROUP_ID, 'must be a group id (letters, digits, ".", "_", "-")')
    .optional()
    .describe('Share group id (default "<prefix>.<name>"); starts with "<prefix>.".'),
  consumes: z
    .array(TopicRef)
    .min(1)
    .describe("Topics it reads through the share group: own, or granted with read access."),
  autoOffsetReset: z
    .union([
      z.enum(["earliest", "latest"]),
      z
        .string()
        .regex(
          /^by_duration:P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
          "must be earliest, latest or by_duration:<ISO-8601 duration>, e.g. by_duration:PT1H",
        ),
    ])
    .optional()
    .describe(
      "share.auto.offset.reset: where a new share group starts: latest (Kafka's default: existing records are skipped), earliest, or by_duration:<ISO-8601 duration>.",
    ),
  recordLockDurationMs: z
    .number()
    .int()
    .min(15000)
    .max(60000)
    .optional()
    .describe(
      "share.record.lock.duration.ms: how long a delivered record stays locked to one consumer (15000-60000, default 30000).",
    ),
  deliveryCountLimit: z
    .number()
    .int()
    .min(2)
    .max(10)
    .optional()
    .describe(
      "share.delivery.count.limit: deliveries before a record is archived as undeliverable (2-10, default 5).",
    ),
  partitionMaxRecordLocks: z
    .number()
    .int()
    .min(100)
    .max(4000)
    .optional()
    .describe("share.partition.max.record.locks: records in flight per partition (100-4000, default 2000)."),
  isolationLevel: z
    .enum(["read_committed", "read_uncommitted"])
    .optional()
    .describe(
      "share.isolation.level: read_committed skips aborted transactional records (default read_uncommitted).",
    ),
});
export type ShareGroup = z.infer<typeof ShareGroup>;

export const Application = z.strictObject({
  name: z
    .string()
    .regex(APP_NAME, "must match ^[a-z][a-z0-9-]{0,40}$ and not end with -")
    .describe('Unique in the team; the principal and KafkaUser is "<team>-<name>".'),
  produces: z.array(TopicRef).optional().describe("Topics it writes: own, or granted with write access."),
  consumes: z.array(TopicRef).optional().describe("Topics it reads: own, or granted with read access."),
  consumerGroup: z
    .string()
    .regex(GROUP_ID, 'must be a consumer group id (letters, digits, ".", "_", "-")')
    .optional()
    .describe('Consumer group prefix (default "<prefix>.<name>"); starts with "<prefix>.".'),
  transactional: z
    .boolean()
    .optional()
    .describe(
      'Transactional producer with transactional ids prefixed "<prefix>.<name>" (with streams: exactly-once).',
    ),
  streams: z
    .boolean()
    .optional()
    .describe('Kafka Streams application with application.id "<prefix>.<name>".'),
  quotas: Quotas.optional().describe("Overrides the team's quotas."),
  description: Description.optional().describe("What the application does, one line (catalog)."),
  groupProtocol: GroupProtocol.optional(),
  shareGroup: ShareGroup.optional().describe(
    "Consumes through a share group (KIP-932, Kafka 4.2+): records are handed out one by one and acknowledged individually, like a work queue.",
  ),
});
export type Application = z.infer<typeof Application>;

export const Grant = z.strictObject({
  topics: z.array(TopicRef).min(1).describe("Topics this team owns."),
  to: z.array(z.string().regex(TEAM_NAME, "must be a team name")).min(1).describe("Teams that get access."),
  access: z.enum(["read", "write"]).optional().describe("read (default) or write."),
});
export type Grant = z.infer<typeof Grant>;

/** The Git source Argo CD syncs into the team's namespace (add-on `kafka-platform:addons.argocd`). */
export const GitOps = z.strictObject({
  repoURL: z
    .string()
    .regex(
      /^(https:\/\/|ssh:\/\/|git@)[^\s*]+$/,
      "must be an https://, ssh:// or git@ repository URL without wildcards",
    )
    .describe("The team's Git repository; the team's Argo CD project accepts only this source."),
  path: z
    .string()
    .regex(
      /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s]+$/,
      "must be a relative path inside the repository (no leading / and no ..)",
    )
    .describe("Directory of the manifests (plain YAML, Kustomize or a Helm chart) in the repository."),
  targetRevision: z.string().min(1).optional().describe("Branch, tag or commit to sync (default HEAD)."),
});
export type GitOps = z.infer<typeof GitOps>;

export const TeamFile = z
  .strictObject({
    team: z
      .string()
      .regex(TEAM_NAME, "must match ^[a-z][a-z0-9-]{1,30}[a-z0-9]$")
      .describe("Team name; equals the file's base name."),
    description: Description.optional().describe("What the team does, one line (explain, catalog)."),
    owners: z.array(z.string().min(1)).optional().describe('Owners, e.g. "@acme/payments".'),
    namespace: z
      .string()
      .regex(NAMESPACE, "must be a Kubernetes namespace name (DNS-1123 label)")
      .optional()
      .describe("Namespace that receives the applications' credentials (default: team)."),
    prefix: z
      .string()
      .regex(PREFIX, 'must be lower-case words separated by ".", e.g. payments')
      .optional()
      .describe('The team owns every Kafka name starting with "<prefix>." (default: team).'),
    quotas: Quotas.optional().describe("Default quotas for the team's applications."),
    alerts: z
      .strictObject({
        maxLagMessages: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(
            "Alert the team when a consumer group lags more messages than this on a topic (default: the platform's).",
          ),
      })
      .optional()
      .describe("Thresholds of the team's alerts (monitoring)."),
    gitops: GitOps.optional().describe(
      "Where Argo CD takes the team's workloads from (used when the platform runs the Argo CD add-on).",
    ),
    topics: z.array(Topic).optional(),
    applications: z.array(Application).optional(),
    grants: z.array(Grant).optional().describe("Access to this team's topics for other teams."),
  })
  .describe("A team file (teams/<team>.yaml), format v1.");
export type TeamFile = z.infer<typeof TeamFile>;
