/**
 * The change between two organisations (what runs now and what a pull request proposes), as data:
 * every change with its class and, where a value differs per environment, the effective values
 * in dev and prod. `kafka-platform diff --format json` prints a `DiffReport` as it is; its shape
 * is a documented contract (docs/change-review.md): add fields, never rename or remove them.
 */
import { TeamsConfig } from "../config/teams";
import { AclIntentKind, StrimziAclRule } from "../acl/compile";

/** Version of the JSON report; raised only for an incompatible change of its shape. */
export const DIFF_REPORT_VERSION = 1;

/** What a change means for the people running it. Ordered from worst to least. */
export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export type ChangeKind =
  | "team-added"
  | "team-removed"
  | "namespace-changed"
  | "topic-created"
  | "topic-deleted"
  | "topic-renamed"
  | "topic-moved"
  | "partitions-changed"
  | "replicas-changed"
  | "cleanup-policy-changed"
  | "retention-changed"
  | "topic-config-changed"
  | "deletion-policy-changed"
  | "grant-added"
  | "grant-revoked"
  | "acl-rule-added"
  | "acl-rule-removed"
  | "quotas-changed"
  | "credentials-created"
  | "credentials-removed";

/** A value as a report shows it; `null` when absent on that side. */
export type ReportValue = string | number | boolean | null;

/** One side-by-side value in one environment. */
export interface ValueChange {
  old: ReportValue;
  new: ReportValue;
}

/** The platform team's acceptance of a change (platform/change-approvals.yaml). */
export interface Acceptance {
  reason: string;
  approver: string;
  expires: string;
  /** Where the approval is written, e.g. `platform/change-approvals.yaml:4`. */
  source: string;
}

export interface Change {
  /** The class before any acceptance. */
  severity: Severity;
  kind: ChangeKind;
  team: string;
  topic?: string;
  application?: string;
  /** The changed field or config key (`partitions`, `retention.ms`, `namespace`, …). */
  field?: string;
  /** Effective values per environment, only the environments where the value differs. */
  environments?: Partial<Record<string, ValueChange>>;
  /** Values that are the same in every environment (namespace, grants, ACL rules). */
  value?: ValueChange;
  /** One or two sentences: what changes and what it means. */
  message: string;
  /** topic-renamed: the new name; topic-moved: the same name. */
  newTopic?: string;
  /** topic-moved: the team that owns the topic now. */
  newTeam?: string;
  /** acl-rule-added/-removed: the rule as Strimzi's KafkaUser takes it, and why it exists. */
  rule?: StrimziAclRule;
  intent?: { kind: AclIntentKind; reason: string };
  /** Where the change is declared: the head file (or the base file for removals), with line. */
  source: string;
  /** Present when the platform team accepted this change deliberately. */
  accepted?: Acceptance;
}

/** Counts per class; accepted changes count as `accepted`, not as their class. */
export interface DiffSummary {
  error: number;
  warning: number;
  info: number;
  accepted: number;
}

export interface DiffReport {
  version: typeof DIFF_REPORT_VERSION;
  /** As the user named them: `origin/main`, `../old-teams`. */
  base: string;
  head: string;
  /** Environments whose effective values were compared, e.g. `["dev", "prod"]`. */
  environments: string[];
  summary: DiffSummary;
  /** Sorted by team, then as found (team-level changes, topics, grants, applications). */
  changes: Change[];
  /** Teams with at least one change, sorted. */
  teams: string[];
  /** Remarks that are not changes, e.g. an approval that expired. */
  notes: string[];
}

/** What the classification needs to know of an environment (from its stack file). */
export interface EnvironmentFacts {
  /** The stack: `dev`, `prod`. */
  name: string;
  /** Topic defaults, `protectTopics` and default quotas of `kafka-platform:teams`. */
  teams: TeamsConfig;
  /** The Topic Operator changes a replication factor only through Cruise Control. */
  cruiseControl: boolean;
  /** Brokers of the cluster: no topic has more replicas. */
  brokers: number;
}

/** Whether the program sets Pulumi `protect` on a topic with `deletion: protect` (as KafkaTeam does). */
export function protectsTopics(env: EnvironmentFacts): boolean {
  return env.teams.protectTopics || env.name === "prod";
}
