import { exportedSample } from "../../../../core/monitoring/jmx-exporter";
import {
  KAFKA_EXPORTER_METRICS,
  KAFKA_JMX_METRICS,
  KUBE_STATE_METRICS,
  KUBELET_METRICS,
  SCRAPE_METRICS,
  STRIMZI_OPERATOR_METRICS,
} from "../../../../core/monitoring/metrics";
import { customResourceMetricNames } from "../../../../core/monitoring/values/kube-state-metrics";
import { kafkaJmxExporterConfig } from "./kafka-jmx-rules";

/** Names the Kafka JMX exporter rules give the MBean attributes monitoring depends on. */
export function derivedKafkaMetrics(): Map<
  string,
  { name: string; labels: Record<string, string> } | undefined
> {
  const config = kafkaJmxExporterConfig();
  return new Map(
    Object.entries(KAFKA_JMX_METRICS).map(([expected, attribute]) => [
      expected,
      exportedSample(config.rules, attribute, { lowercaseOutputName: config.lowercaseOutputName }),
    ]),
  );
}

/** Every metric name the platform's scrape targets export. */
export function knownMetrics(): Set<string> {
  const kafka = [...derivedKafkaMetrics().values()].flatMap((s) => (s ? [s.name] : []));
  return new Set<string>([
    ...kafka,
    ...KAFKA_EXPORTER_METRICS,
    ...STRIMZI_OPERATOR_METRICS,
    ...KUBELET_METRICS,
    ...KUBE_STATE_METRICS,
    ...customResourceMetricNames(),
    ...SCRAPE_METRICS,
  ]);
}
