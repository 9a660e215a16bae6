import { MonitoringConfig } from "../../config/monitoring";
import { TEAM_LABEL } from "../../labels";

/** Metric prefixes of the KafkaTopic/KafkaUser readiness metrics (custom resource state). */
export const TOPIC_INFO_METRIC = "strimzi_kafka_topic_resource_info";
export const USER_INFO_METRIC = "strimzi_kafka_user_resource_info";

/** One custom-resource-state entry: an Info metric `<prefix>_resource_info` with readiness and team labels. */
function resourceInfo(kind: "KafkaTopic" | "KafkaUser", prefix: string) {
  return {
    groupVersionKind: { group: "kafka.strimzi.io", version: "v1", kind },
    metricNamePrefix: prefix,
    metrics: [
      {
        name: "resource_info",
        help: `Readiness of a Strimzi ${kind}.`,
        each: { type: "Info", info: { labelsFromPath: { name: ["metadata", "name"] } } },
        labelsFromPath: {
          exported_namespace: ["metadata", "namespace"],
          ready: ["status", "conditions", "[type=Ready]", "status"],
          reason: ["status", "conditions", "[type=Ready]", "reason"],
          team: ["metadata", "labels", TEAM_LABEL],
        },
      },
    ],
  };
}

/** The custom resource state configuration (kube-state-metrics `--custom-resource-state-config`). */
export function customResourceStateConfig() {
  return {
    kind: "CustomResourceStateMetrics",
    spec: {
      resources: [
        resourceInfo("KafkaTopic", TOPIC_INFO_METRIC.replace(/_resource_info$/, "")),
        resourceInfo("KafkaUser", USER_INFO_METRIC.replace(/_resource_info$/, "")),
      ],
    },
  };
}

/** Names of every custom metric the configuration produces (`<metricNamePrefix>_<name>`). */
export function customResourceMetricNames(): string[] {
  return customResourceStateConfig().spec.resources.flatMap((r) =>
    r.metrics.map((m) => `${r.metricNamePrefix}_${m.name}`),
  );
}

/** Values for the prometheus-community kube-state-metrics chart. */
export function kubeStateMetricsValues(config: MonitoringConfig) {
  return {
    fullnameOverride: "kube-state-metrics",
    replicas: 1,
    // Only what the alerts use: pods (container readiness) and the Strimzi resources below.
    collectors: ["pods"],
    customResourceState: { enabled: true, config: customResourceStateConfig() },
    rbac: {
      extraRules: [
        {
          apiGroups: ["kafka.strimzi.io"],
          resources: ["kafkatopics", "kafkausers"],
          verbs: ["list", "watch"],
        },
      ],
    },
    resources: config.alloy.resources,
    securityContext: { enabled: true, runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534 },
  };
}
