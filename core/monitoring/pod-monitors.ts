import { KafkaTarget } from "./targets";

/** A PodMonitor (monitoring.coreos.com/v1), without metadata.namespace (set by the caller). */
export interface PodMonitorSpec {
  name: string;
  namespace: string;
  spec: Record<string, unknown>;
}

/** Copies Strimzi's `strimzi.io/*` pod labels onto the series (`strimzi_io_cluster`, `strimzi_io_pool_name`, …). */
const STRIMZI_LABELS = [
  { action: "labelmap", regex: "__meta_kubernetes_pod_label_(strimzi_io_.+)", replacement: "$1" },
];

/**
 * The PodMonitors Alloy discovers: Kafka nodes and Kafka Exporter (port `tcp-prometheus`), the entity
 * operator's topic and user operators, and the cluster operator. Each lives in the namespace it watches.
 */
export function strimziPodMonitors(target: KafkaTarget): PodMonitorSpec[] {
  const endpoint = (port: string) => ({ path: "/metrics", port, relabelings: STRIMZI_LABELS });
  return [
    {
      name: `${target.clusterName}-kafka-metrics`,
      namespace: target.namespace,
      spec: {
        selector: {
          matchLabels: { "strimzi.io/cluster": target.clusterName },
          matchExpressions: [{ key: "strimzi.io/kind", operator: "In", values: ["Kafka"] }],
        },
        namespaceSelector: { matchNames: [target.namespace] },
        podMetricsEndpoints: [endpoint("tcp-prometheus")],
      },
    },
    {
      name: `${target.clusterName}-entity-operator-metrics`,
      namespace: target.namespace,
      spec: {
        selector: {
          matchLabels: {
            "strimzi.io/cluster": target.clusterName,
            "app.kubernetes.io/name": "entity-operator",
          },
        },
        namespaceSelector: { matchNames: [target.namespace] },
        podMetricsEndpoints: [endpoint("healthcheck-to"), endpoint("healthcheck-uo")],
      },
    },
    {
      name: "strimzi-cluster-operator-metrics",
      namespace: target.operatorNamespace,
      spec: {
        selector: { matchLabels: { "strimzi.io/kind": "cluster-operator" } },
        namespaceSelector: { matchNames: [target.operatorNamespace] },
        podMetricsEndpoints: [endpoint("http")],
      },
    },
  ];
}
