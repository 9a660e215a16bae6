/**
 * Every metric the alerts and dashboards query, with where it comes from. Kafka's own metrics are
 * named by the JMX exporter rules of the Kafka cluster; the map below names the MBean attribute
 * each one is derived from, so tests can run the configured rules over it (see jmx-exporter.ts).
 */

/** Kafka broker/controller metrics: exported name → the MBean attribute it must be derived from. */
export const KAFKA_JMX_METRICS = {
  kafka_server_replicamanager_underreplicatedpartitions:
    "kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value",
  kafka_server_replicamanager_underminisrpartitioncount:
    "kafka.server<type=ReplicaManager, name=UnderMinIsrPartitionCount><>Value",
  kafka_controller_kafkacontroller_activecontrollercount:
    "kafka.controller<type=KafkaController, name=ActiveControllerCount><>Value",
  kafka_controller_kafkacontroller_offlinepartitionscount:
    "kafka.controller<type=KafkaController, name=OfflinePartitionsCount><>Value",
  kafka_log_logmanager_offlinelogdirectorycount:
    "kafka.log<type=LogManager, name=OfflineLogDirectoryCount><>Value",
  kafka_server_brokertopicmetrics_bytesin_total:
    "kafka.server<type=BrokerTopicMetrics, name=BytesInPerSec, topic=payments.orders><>Count",
  kafka_server_brokertopicmetrics_bytesout_total:
    "kafka.server<type=BrokerTopicMetrics, name=BytesOutPerSec, topic=payments.orders><>Count",
  kafka_server_brokertopicmetrics_messagesin_total:
    "kafka.server<type=BrokerTopicMetrics, name=MessagesInPerSec, topic=payments.orders><>Count",
  kafka_log_log_size: "kafka.log<type=Log, name=Size, topic=payments.orders, partition=0><>Value",
  /** Quota throttling per user (Kafka's `kafka.server:type=Produce|Fetch|Request,user=…` sensors). */
  kafka_server_quota_throttle_time: "kafka.server<type=Produce, user=payments.api><>throttle-time",
} as const;

/** Labels the dashboards rely on, per JMX metric (e.g. `topic` on BrokerTopicMetrics). */
export const KAFKA_JMX_LABELS: Partial<Record<keyof typeof KAFKA_JMX_METRICS, string[]>> = {
  kafka_server_brokertopicmetrics_bytesin_total: ["topic"],
  kafka_server_brokertopicmetrics_bytesout_total: ["topic"],
  kafka_server_brokertopicmetrics_messagesin_total: ["topic"],
  kafka_log_log_size: ["topic", "partition"],
  kafka_server_quota_throttle_time: ["user", "quota"],
};

/** Kafka Exporter (Strimzi `spec.kafkaExporter`), as documented by danielqsj/kafka_exporter. */
export const KAFKA_EXPORTER_METRICS = [
  "kafka_brokers",
  "kafka_topic_partitions",
  "kafka_topic_partition_current_offset",
  "kafka_topic_partition_oldest_offset",
  "kafka_topic_partition_in_sync_replica",
  "kafka_topic_partition_leader",
  "kafka_topic_partition_leader_is_preferred",
  "kafka_topic_partition_replicas",
  "kafka_topic_partition_under_replicated_partition",
  "kafka_consumergroup_current_offset",
  "kafka_consumergroup_current_offset_sum",
  "kafka_consumergroup_lag",
  "kafka_consumergroup_lag_sum",
  "kafka_consumergroup_members",
] as const;

/** The Strimzi cluster operator's own metrics (port `http`, path `/metrics`). */
export const STRIMZI_OPERATOR_METRICS = [
  "strimzi_certificate_expiration_timestamp_ms",
  "strimzi_resource_state",
  "strimzi_resources",
  "strimzi_reconciliations_total",
  "strimzi_reconciliations_successful_total",
  "strimzi_reconciliations_failed_total",
] as const;

/** Kubelet volume statistics (scraped through the API server's node proxy). */
export const KUBELET_METRICS = [
  "kubelet_volume_stats_available_bytes",
  "kubelet_volume_stats_capacity_bytes",
  "kubelet_volume_stats_used_bytes",
] as const;

/** kube-state-metrics' built-in pod metrics (the custom KafkaTopic/KafkaUser ones are in values/kube-state-metrics.ts). */
export const KUBE_STATE_METRICS = [
  "kube_pod_container_status_ready",
  "kube_pod_container_status_restarts_total",
  "kube_pod_status_ready",
] as const;

/** Series the scraper itself writes for every target. */
export const SCRAPE_METRICS = ["up"] as const;
