/**
 * Group configs (Kafka's `GroupConfig`, set per group with IncrementalAlterConfigs on a GROUP
 * resource) that team files declare, by their Kafka names; and the Kafka releases each group
 * protocol needs. Strimzi has no resource for group configs: the program applies them itself
 * (components/group-configs.ts).
 */
import { ShareGroup } from "./schema";

/** The team file's share-group settings → Kafka group config names, in a stable order. */
export const SHARE_GROUP_CONFIG_NAMES = {
  autoOffsetReset: "share.auto.offset.reset",
  recordLockDurationMs: "share.record.lock.duration.ms",
  deliveryCountLimit: "share.delivery.count.limit",
  partitionMaxRecordLocks: "share.partition.max.record.locks",
  isolationLevel: "share.isolation.level",
} as const satisfies Partial<Record<keyof ShareGroup, string>>;

/** The declared settings of a share group as Kafka group configs (only those set). */
export function shareGroupConfigs(group: ShareGroup): Record<string, string | number> {
  const configs: Record<string, string | number> = {};
  for (const [field, name] of Object.entries(SHARE_GROUP_CONFIG_NAMES)) {
    const value = group[field as keyof typeof SHARE_GROUP_CONFIG_NAMES];
    if (value !== undefined) configs[name] = value;
  }
  return configs;
}

/**
 * What each protocol needs of the cluster: the first Kafka release where it is production-ready,
 * and the feature (with the metadata version at which a newly formatted cluster enables it;
 * clusters upgraded from older releases keep level 0 until it is raised, docs/runbooks/upgrade.md).
 */
export const PROTOCOL_REQUIREMENTS = {
  consumer: { kafka: "4.0.0", feature: "group.version=1", metadataVersion: "4.0-IV0", kip: "KIP-848" },
  share: { kafka: "4.2.0", feature: "share.version=1", metadataVersion: "4.2-IV0", kip: "KIP-932" },
  streams: { kafka: "4.2.0", feature: "streams.version=1", metadataVersion: "4.2-IV1", kip: "KIP-1071" },
} as const;
export type ProtocolName = keyof typeof PROTOCOL_REQUIREMENTS;

/** `4.2.0` → [4, 2, 0]; `4.2-IV1` → [4, 2, 1]. */
function versionParts(version: string): number[] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+)|-IV(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? m[4] ?? 0)] : [0, 0, 0];
}

/** Whether `version` is at least `minimum` (both Kafka versions, or both metadata versions). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [a, b] = [versionParts(version), versionParts(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}
