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
    // The share coordinator's state topic (share groups, KIP-932) defaults to 3 replicas and
    // min.isr 2: a smaller cluster could never create it, so it follows the environment too.
    "share.coordinator.state.topic.replication.factor": replicas,
    "share.coordinator.state.topic.min.isr": minIsr,
    // Topics exist only as KafkaTopics from team files, never as a side effect of a typo in a client.
    "auto.create.topics.enable": false,
    "unclean.leader.election.enable": false,
    ...(kafka.rackAwareness
      ? { "replica.selector.class": "org.apache.kafka.common.replica.RackAwareReplicaSelector" }
      : {}),
  };
}
