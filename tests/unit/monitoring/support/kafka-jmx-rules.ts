import { parse } from "yaml";
import { JmxExporterRule } from "../../../../core/monitoring/jmx-exporter";
import { kafkaJmxExporterConfig as kafkaJmxExporterYaml } from "../../../../core/strimzi/metrics";

/** The JMX exporter configuration the Kafka cluster runs with (core/strimzi/metrics.ts), parsed. */
export interface JmxExporterConfig {
  source: string;
  lowercaseOutputName: boolean;
  rules: JmxExporterRule[];
}

export function kafkaJmxExporterConfig(): JmxExporterConfig {
  const config = parse(kafkaJmxExporterYaml()) as { lowercaseOutputName?: boolean; rules: JmxExporterRule[] };
  return {
    source: "core/strimzi/metrics.ts",
    lowercaseOutputName: config.lowercaseOutputName === true,
    rules: config.rules,
  };
}
