import { existsSync, readdirSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { JmxExporterRule } from "../../../../core/monitoring/jmx-exporter";

/**
 * The JMX exporter rules the Kafka cluster runs with. When the Kafka cluster code exports its rules
 * (core/strimzi/metrics*.ts), those are used; until then, the generic rules of Strimzi's example
 * `kafka-metrics.yaml` that name the metrics monitoring needs, plus the quota rule monitoring asks for.
 */
export interface JmxExporterConfig {
  source: string;
  lowercaseOutputName: boolean;
  rules: JmxExporterRule[];
}

/** The quota rule the team dashboard needs (must precede the generic rules). */
export const QUOTA_RULE: JmxExporterRule = {
  pattern: "kafka.server<type=(Produce|Fetch|Request), user=([^,>]+)(?:, client-id=[^>]*)?><>throttle-time",
  name: "kafka_server_quota_throttle_time",
  type: "GAUGE",
  labels: { quota: "$1", user: "$2" },
};

const STRIMZI_EXAMPLE_RULES: JmxExporterRule[] = [
  QUOTA_RULE,
  {
    pattern: "kafka.(\\w+)<type=(?!RequestMetrics)(.+), name=(.+)PerSec\\w*, (.+)=(.+)><>Count",
    name: "kafka_$1_$2_$3_total",
    type: "COUNTER",
    labels: { $4: "$5" },
  },
  {
    pattern: "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+), (.+)=(.+)><>Value",
    name: "kafka_$1_$2_$3",
    type: "GAUGE",
    labels: { $4: "$5", $6: "$7" },
  },
  {
    pattern: "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+)><>Value",
    name: "kafka_$1_$2_$3",
    type: "GAUGE",
    labels: { $4: "$5" },
  },
  { pattern: "kafka.(\\w+)<type=(.+), name=(.+)><>Value", name: "kafka_$1_$2_$3", type: "GAUGE" },
];

/** Finds a JMX exporter config in an exported value: YAML text with `rules:` or an object with `rules`. */
function asConfig(value: unknown, source: string): JmxExporterConfig | undefined {
  let candidate = value;
  if (typeof value === "string" && /(^|\n)rules:/.test(value)) candidate = parse(value);
  if (candidate && typeof candidate === "object" && Array.isArray((candidate as { rules?: unknown }).rules)) {
    const c = candidate as { rules: JmxExporterRule[]; lowercaseOutputName?: boolean };
    return { source, lowercaseOutputName: c.lowercaseOutputName === true, rules: c.rules };
  }
  return undefined;
}

export function kafkaJmxExporterConfig(): JmxExporterConfig {
  const dir = path.resolve(__dirname, "../../../../core/strimzi");
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => /^metrics.*\.ts$/.test(f))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(path.join(dir, file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        const config = asConfig(
          typeof value === "function" ? safeCall(value) : value,
          `core/strimzi/${file}:${name}`,
        );
        if (config) return config;
      }
    }
  }
  return {
    source: "Strimzi example kafka-metrics.yaml (generic rules)",
    lowercaseOutputName: true,
    rules: STRIMZI_EXAMPLE_RULES,
  };
}

function safeCall(fn: unknown): unknown {
  try {
    return (fn as () => unknown)();
  } catch {
    return undefined;
  }
}
