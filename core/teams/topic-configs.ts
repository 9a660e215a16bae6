/**
 * Topic-level configuration names of Apache Kafka 4.x that a team file may set under a topic's
 * `config` (https://kafka.apache.org/documentation/#topicconfigs). Names the team file sets with
 * its own fields are listed in MANAGED_TOPIC_CONFIGS instead, so there is one way to set them.
 */
export const KAFKA_TOPIC_CONFIGS = [
  "compression.gzip.level",
  "compression.lz4.level",
  "compression.type",
  "compression.zstd.level",
  "delete.retention.ms",
  "file.delete.delay.ms",
  "flush.messages",
  "flush.ms",
  "follower.replication.throttled.replicas",
  "index.interval.bytes",
  "leader.replication.throttled.replicas",
  "local.retention.bytes",
  "local.retention.ms",
  "max.compaction.lag.ms",
  "max.message.bytes",
  "message.timestamp.after.max.ms",
  "message.timestamp.before.max.ms",
  "message.timestamp.type",
  "min.cleanable.dirty.ratio",
  "min.compaction.lag.ms",
  "min.insync.replicas",
  "preallocate",
  "remote.log.copy.disable",
  "remote.log.delete.on.disable",
  "remote.storage.enable",
  "segment.bytes",
  "segment.index.bytes",
  "segment.jitter.ms",
  "segment.ms",
  "unclean.leader.election.enable",
] as const;

/** Topic configs set through the topic's own fields: config name → the field to use. */
export const MANAGED_TOPIC_CONFIGS: Record<string, string> = {
  "retention.ms": "retention",
  "retention.bytes": "retentionBytes",
  "cleanup.policy": "cleanupPolicy",
};
