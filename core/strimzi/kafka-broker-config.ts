import type { KafkaConfig } from "../config";

/** Broker settings (`spec.kafka.config`); values Strimzi manages itself (listeners, TLS) are not allowed here. */
export type BrokerConfig = Record<string, string | number | boolean>;

/**
 * The broker configuration of an environment: replication defaults for user and internal topics,
 * no topics created by clients, no data-losing leader election, and follower fetching by rack.
 */
export function brokerConfig(kafka: KafkaConfig): BrokerConfig {
  const { defaultReplicationFactor: replicas, minInsyncReplicas: minIsr } = kafka.replication;
  return {
    "default.replication.factor": replicas,
    "min.insync.replicas": minIsr,
    "offsets.topic.replication.factor": replicas,
    "transaction.state.log.replication.factor": replicas,
    "transaction.state.log.min.isr": minIsr,
    // Topics exist only as KafkaTopics from team files, never as a side effect of a typo in a client.
    "auto.create.topics.enable": false,
    "unclean.leader.election.enable": false,
    ...(kafka.rackAwareness
      ? { "replica.selector.class": "org.apache.kafka.common.replica.RackAwareReplicaSelector" }
      : {}),
  };
}
