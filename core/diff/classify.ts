/**
 * What each change means: `error` when Kafka or the operators cannot do it or it destroys data,
 * `warning` when it works but has consequences someone must accept, `info` for the rest. The
 * messages say why, in the words a team needs to decide (docs/team-guide.md explains each class).
 */
import { AclIntentKind } from "../acl/compile";
import { DetectedChange } from "./changes";
import { Change, EnvironmentFacts, protectsTopics, ReportValue, Severity } from "./model";

const code = (v: ReportValue) => `\`${v}\``;

/** `dev and prod`: the environments of a change (all of them when `only` is not given). */
function inEnvironments(c: DetectedChange, only?: string[]): string {
  const names = only ?? Object.keys(c.environments ?? {});
  return names.length > 1
    ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`
    : (names[0] ?? "");
}

/** Environments where `test(old, new)` holds. */
function where(c: DetectedChange, test: (o: ReportValue, n: ReportValue) => boolean): string[] {
  return Object.entries(c.environments ?? {})
    .filter(([, v]) => test(v!.old, v!.new))
    .map(([env]) => env);
}

/** A size where `null`/-1 (unlimited) is larger than any number. */
const size = (v: ReportValue) => (v === null || v === -1 ? Infinity : Number(v));

/**
 * Whether removing a rule of this intent takes a consumer's access away (a warning). A record over
 * every intent, so a new one cannot slip through as "info" unclassified.
 */
const TAKES_CONSUMER_ACCESS: Record<AclIntentKind, boolean> = {
  consume: true,
  "consumer-group": true,
  "streams-group": true,
  "streams-internal-topics": true,
  "streams-protocol-group": true,
  "streams-protocol-internal-topics": true,
  "share-consume": true,
  "share-group": true,
  produce: false,
  "transactional-id": false,
  "streams-exactly-once": false,
};

export function classify(c: DetectedChange, envs: readonly EnvironmentFacts[]): Change {
  const [severity, message] = judge(c, envs);
  // The facts that only served the classification stay out of the report.
  const { deletion: _d, applications: _a, users: _u, kind, team, ...rest } = c;
  return { severity, kind, team, ...rest, message };
}

function judge(c: DetectedChange, envs: readonly EnvironmentFacts[]): [Severity, string] {
  const apps = c.applications ?? [];
  switch (c.kind) {
    case "team-added":
      return ["info", "New team: its namespace, topics and applications are created."];
    case "team-removed":
      return [
        apps.length > 0 ? "error" : "warning",
        `Team removed: Pulumi deletes namespace ${code(c.value!.old)} and every workload in it${apps.length > 0 ? ` (applications ${apps.join(", ")})` : ""}.`,
      ];
    case "namespace-changed":
      return apps.length > 0
        ? [
            "error",
            `Kubernetes cannot rename a namespace: Pulumi replaces it, which deletes namespace ${code(c.value!.old)} with every workload in it; the credentials Secrets of ${apps.join(", ")} move to ${code(c.value!.new)}.`,
          ]
        : [
            "info",
            `Namespace ${code(c.value!.old)} is replaced by ${code(c.value!.new)} (the team has no applications).`,
          ];
    case "topic-created": {
      // Born unprotected where topics are protected: a later pull request deletes it with a warning only.
      const unprotectedIn = c.deletion === "allow" ? envs.filter(protectsTopics).map((e) => e.name) : [];
      return unprotectedIn.length > 0
        ? [
            "warning",
            `New topic, created empty, without deletion protection in ${inEnvironments(c, unprotectedIn)} (deletion: allow): a later pull request can delete it with its data after a warning only.`,
          ]
        : ["info", "New topic, created empty."];
    }
    case "topic-deleted":
    case "topic-renamed":
      return deletion(c, envs);
    case "topic-moved":
      return [
        "error",
        `Moved to team ${code(c.newTeam!)}: Pulumi names a topic after its team, so this deletes the KafkaTopic (and the topic's data) and creates it again, unless the platform team adds an alias.`,
      ];
    case "partitions-changed": {
      const down = where(c, (o, n) => size(n) < size(o));
      if (down.length > 0) {
        return [
          "error",
          `Kafka cannot reduce the partitions of a topic; the Topic Operator rejects the change in ${inEnvironments(c, down)}. Create a new topic and migrate.`,
        ];
      }
      return [
        "warning",
        `More partitions in ${inEnvironments(c)}: records with a key go to a different partition from now on, so per-key ordering breaks across the change for consumers.`,
      ];
    }
    case "replicas-changed": {
      const noCruiseControl = envs
        .filter((e) => c.environments?.[e.name] && !e.cruiseControl)
        .map((e) => e.name);
      const tooMany = envs.filter(
        (e) => c.environments?.[e.name] && size(c.environments[e.name]!.new) > e.brokers,
      );
      if (tooMany.length > 0) {
        return [
          "error",
          `More replicas than brokers: ${tooMany.map((e) => `${e.name} has ${e.brokers}`).join(", ")}.`,
        ];
      }
      if (noCruiseControl.length > 0) {
        return [
          "error",
          `The Topic Operator changes a replication factor only through Cruise Control, which is not enabled in ${inEnvironments(c, noCruiseControl)}.`,
        ];
      }
      return [
        "info",
        `Cruise Control moves the replicas in ${inEnvironments(c)}; disks and network are busy while it runs.`,
      ];
    }
    case "cleanup-policy-changed": {
      const has = (v: ReportValue, policy: string) => String(v).split(",").includes(policy);
      const compacted = where(c, (o, n) => !has(o, "compact") && has(n, "compact"));
      if (compacted.length > 0) {
        return [
          "error",
          `Compacting an existing topic (in ${inEnvironments(c, compacted)}) keeps only the latest record per key and removes the others for good; producers that send records without a key are rejected.`,
        ];
      }
      if (where(c, (o, n) => !has(o, "delete") && has(n, "delete")).length > 0) {
        return [
          "warning",
          `Records older than the retention are deleted from now on, including the latest value of a key (in ${inEnvironments(c)}).`,
        ];
      }
      return ["info", `Cleanup policy changes in ${inEnvironments(c)}.`];
    }
    case "retention-changed": {
      const shorter = where(c, (o, n) => size(n) < size(o));
      return shorter.length > 0
        ? [
            "warning",
            `Less retention in ${inEnvironments(c, shorter)}: records beyond it expire at the next log cleanup.`,
          ]
        : ["info", `More retention in ${inEnvironments(c)}.`];
    }
    case "topic-config-changed":
      return ["info", `Topic config ${c.field} changes in ${inEnvironments(c)}.`];
    case "deletion-policy-changed": {
      const protectedIn = envs.filter(protectsTopics).map((e) => e.name);
      return c.value!.new === "allow" && protectedIn.length > 0
        ? [
            "error",
            `The topic loses its deletion protection in ${inEnvironments(c, protectedIn)}: a later pull request could delete it with its data without the platform team. Needs the platform team's approval.`,
          ]
        : ["info", `Deletion policy ${c.value!.old} → ${c.value!.new}.`];
    }
    case "grant-added":
      return ["info", `Team ${code(c.value!.new)} gets ${c.field} access.`];
    case "grant-revoked":
      return [
        "warning",
        `Team ${code(c.value!.old)} loses ${c.field} access; its applications can no longer use the topic.`,
      ];
    case "acl-rule-added":
      return ["info", `New rule: ${c.intent!.reason}.`];
    case "acl-rule-removed":
      return TAKES_CONSUMER_ACCESS[c.intent!.kind]
        ? ["warning", `A consumer loses access: ${c.intent!.reason}.`]
        : ["info", `Rule removed: ${c.intent!.reason}.`];
    case "quotas-changed":
      return [
        "info",
        `Quota ${c.field} changes in ${inEnvironments(c)}${where(c, (_, n) => n === null).length > 0 ? "; unset means no limit (an application's quotas replace its team's and the default as a whole)" : ""}.`,
      ];
    case "credentials-created":
      return ["info", `Secret ${code(c.field!)} is created in namespace ${code(c.value!.new)}.`];
    case "credentials-removed":
      return [
        "info",
        `Secret ${code(c.field!)} is deleted from namespace ${code(c.value!.old)}; workloads that use it lose access.`,
      ];
  }
}

/** Topic deletion (or rename, which deletes the old topic): error where Pulumi protects it. */
function deletion(c: DetectedChange, envs: readonly EnvironmentFacts[]): [Severity, string] {
  const protectedIn = c.deletion === "protect" ? envs.filter(protectsTopics).map((e) => e.name) : [];
  const deletedIn = envs.filter((e) => !protectedIn.includes(e.name)).map((e) => e.name);
  const users = c.users?.length ? ` It was used by ${c.users.join(", ")}.` : "";
  const what =
    c.kind === "topic-renamed"
      ? `Renamed to ${code(c.newTopic!)} (same settings, grants and applications): Kafka cannot rename a topic, so this deletes ${code(c.topic!)} with its data and creates ${code(c.newTopic!)} empty; consumers start without committed offsets.`
      : "Topic deleted with its data.";
  if (protectedIn.length > 0) {
    const alsoDeleted =
      deletedIn.length > 0 ? ` In ${inEnvironments(c, deletedIn)} it is deleted at once.` : "";
    return [
      "error",
      `${what} The topic is protected in ${inEnvironments(c, protectedIn)} (deletion: protect): Pulumi refuses, and removing the protection deletes the data.${alsoDeleted}${users}`,
    ];
  }
  return [
    "warning",
    `${what} Deleted in ${inEnvironments(c, deletedIn)}${c.deletion === "allow" ? " (deletion: allow)" : ""}.${users}`,
  ];
}
