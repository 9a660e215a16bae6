import { stringify } from "yaml";

/**
 * Rules of the Prometheus JMX exporter that Strimzi runs in every broker and controller
 * (`spec.kafka.metricsConfig`). Names follow the exporter's conventions that Strimzi's dashboards and
 * alerts use: `kafka_<domain>_<type>_<name>` for gauges, `…_total` for rates' counts, `…_count` and
 * `quantile` labels for histograms, and `kafka_server_raftmetrics_*` for the KRaft quorum.
 */

/** One rule of the JMX exporter configuration. */
export interface JmxExporterRule {
  pattern: string;
  name: string;
  type: "GAUGE" | "COUNTER" | "UNTYPED";
  labels?: Record<string, string>;
  value?: number;
}

/** Key of the exporter configuration in the metrics ConfigMap. */
export const KAFKA_METRICS_CONFIG_KEY = "kafka-metrics-config.yml";

/** `(.+)=(.+)` pairs after the `name=` of an MBean, as patterns and labels. */
function keyValuePairs(
  count: number,
  firstGroup: number,
): { pattern: string; labels: Record<string, string> } {
  let pattern = "";
  const labels: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const key = firstGroup + 2 * i;
    pattern += ", (.+)=(.+)";
    labels[`$${key}`] = `$${key + 1}`;
  }
  return { pattern, labels };
}

/** Generic rules for MBeans `kafka.<domain><type=…, name=…[, k=v]{0,2}>`, most specific first. */
function genericRules(): JmxExporterRule[] {
  const rules: JmxExporterRule[] = [];
  const withLabels = (rule: JmxExporterRule, labels: Record<string, string>): JmxExporterRule =>
    Object.keys(labels).length > 0 ? { ...rule, labels } : rule;
  for (const pairs of [2, 1, 0]) {
    const { pattern, labels } = keyValuePairs(pairs, 4);
    rules.push(
      withLabels(
        {
          pattern: `kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*${pattern}><>Count`,
          name: "kafka_$1_$2_$3_total",
          type: "COUNTER",
        },
        labels,
      ),
    );
  }
  for (const pairs of [2, 1, 0]) {
    const { pattern, labels } = keyValuePairs(pairs, 4);
    rules.push(
      withLabels(
        {
          pattern: `kafka.(\\w+)<type=(.+), name=(.+)${pattern}><>Value`,
          name: "kafka_$1_$2_$3",
          type: "GAUGE",
        },
        labels,
      ),
    );
  }
  for (const pairs of [2, 1, 0]) {
    const { pattern, labels } = keyValuePairs(pairs, 4);
    const quantileGroup = 4 + 2 * pairs;
    rules.push(
      withLabels(
        {
          pattern: `kafka.(\\w+)<type=(.+), name=(.+)${pattern}><>Count`,
          name: "kafka_$1_$2_$3_count",
          type: "COUNTER",
        },
        labels,
      ),
      {
        pattern: `kafka.(\\w+)<type=(.+), name=(.+)${pattern}><>(\\d+)thPercentile`,
        name: "kafka_$1_$2_$3",
        type: "GAUGE",
        labels: { ...labels, quantile: `0.$${quantileGroup}` },
      },
    );
  }
  return rules;
}

/** Rules for MBeans that do not follow the `type=…, name=…` shape. */
function specialRules(): JmxExporterRule[] {
  return [
    // Client quota throttling per SCRAM user (Kafka's Produce/Fetch/Request quota sensors).
    {
      pattern:
        "kafka.server<type=(Produce|Fetch|Request), user=([^,>]+)(?:, client-id=[^>]*)?><>throttle-time",
      name: "kafka_server_quota_throttle_time",
      type: "GAUGE",
      labels: { quota: "$1", user: "$2" },
    },
    // Per-listener network metrics (connections, authentication counts).
    {
      pattern: "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+-total)",
      name: "kafka_server_$1_$4",
      type: "COUNTER",
      labels: { listener: "$2", networkProcessor: "$3" },
    },
    {
      pattern: "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+)",
      name: "kafka_server_$1_$4",
      type: "GAUGE",
      labels: { listener: "$2", networkProcessor: "$3" },
    },
    // Percentages some request pools expose only as a mean rate.
    {
      pattern: "kafka.(\\w+)<type=(.+), name=(.+)Percent\\w*><>MeanRate",
      name: "kafka_$1_$2_$3_percent",
      type: "GAUGE",
    },
    {
      pattern: "kafka.(\\w+)<type=(.+), name=(.+)Percent\\w*><>Value",
      name: "kafka_$1_$2_$3_percent",
      type: "GAUGE",
    },
    // KRaft quorum: counters end in -total or -max, the state is a label.
    {
      pattern: "kafka.server<type=raft-metrics><>(.+-total|.+-max):",
      name: "kafka_server_raftmetrics_$1",
      type: "COUNTER",
    },
    {
      pattern: "kafka.server<type=raft-metrics><>(current-state): (.+)",
      name: "kafka_server_raftmetrics_$1",
      type: "UNTYPED",
      value: 1,
      labels: { $1: "$2" },
    },
    { pattern: "kafka.server<type=raft-metrics><>(.+):", name: "kafka_server_raftmetrics_$1", type: "GAUGE" },
    {
      pattern: "kafka.server<type=broker-metadata-metrics><>(.+):",
      name: "kafka_server_brokermetadatametrics_$1",
      type: "GAUGE",
    },
  ];
}

/** The exporter configuration as the YAML document Strimzi reads from the ConfigMap. */
export function kafkaJmxExporterConfig(): string {
  return stringify(
    { lowercaseOutputName: true, rules: [...specialRules(), ...genericRules()] },
    { lineWidth: 0 },
  );
}
