/**
 * Topic-level configuration names a team file may set under a topic's `config`: Kafka's own topic
 * configs of the platform's Kafka version (core/kafka-configs, generated from the release), minus
 * those the team file sets with its own fields (MANAGED_TOPIC_CONFIGS), so there is one way to set them.
 */
import { DEFAULT_CONFIG_VERSION, topicConfigTable } from "../kafka-configs/topic-configs";

/** Topic configs set through the topic's own fields: config name → the field to use. */
export const MANAGED_TOPIC_CONFIGS: Record<string, string> = {
  "retention.ms": "retention",
  "retention.bytes": "retentionBytes",
  "cleanup.policy": "cleanupPolicy",
};

export const KAFKA_TOPIC_CONFIGS: string[] = Object.keys(topicConfigTable(DEFAULT_CONFIG_VERSION)!.configs)
  .filter((name) => !Object.hasOwn(MANAGED_TOPIC_CONFIGS, name))
  .sort();
