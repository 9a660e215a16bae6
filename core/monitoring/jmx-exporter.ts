/**
 * Names the Prometheus JMX exporter gives Kafka's MBeans under a set of rules. Used to check that
 * every Kafka metric the alerts and dashboards query is one the brokers actually export under the
 * rules the cluster is configured with, instead of trusting hand-written metric names.
 */

/** One rule of a JMX exporter configuration (the fields that affect names). */
export interface JmxExporterRule {
  pattern?: string;
  name?: string;
  labels?: Record<string, string>;
  type?: string;
}

/** One exported sample: metric name and labels. */
export interface ExportedSample {
  name: string;
  labels: Record<string, string>;
}

/**
 * An MBean attribute in the exporter's matching format, e.g.
 * `kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value`.
 * The exporter appends `: <value>` before matching; the value used here is `0`.
 */
export type MBeanAttribute = string;

/** The exporter's name sanitising: invalid characters become `_`, runs of `_` collapse. */
export function safeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9:_]/g, "_").replace(/__+/g, "_");
}

/**
 * The sample the exporter produces for one MBean attribute: the first rule whose pattern matches
 * wins (patterns are wrapped as `^.*(?:pattern).*$`, as the exporter does); undefined when no rule
 * matches or the matching rule keeps the default name (not used by this platform).
 */
export function exportedSample(
  rules: readonly JmxExporterRule[],
  attribute: MBeanAttribute,
  opts: { lowercaseOutputName?: boolean; lowercaseOutputLabelNames?: boolean } = {},
): ExportedSample | undefined {
  const input = `${attribute}: 0`;
  for (const rule of rules) {
    if (rule.pattern === undefined) continue;
    const regex = new RegExp(`^.*(?:${rule.pattern}).*$`);
    if (!regex.test(input)) continue;
    if (rule.name === undefined) return undefined;
    let name = safeName(input.replace(regex, rule.name));
    if (opts.lowercaseOutputName) name = name.toLowerCase();
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(rule.labels ?? {})) {
      let key = safeName(input.replace(regex, k));
      if (opts.lowercaseOutputLabelNames) key = key.toLowerCase();
      labels[key] = input.replace(regex, v);
    }
    return { name, labels };
  }
  return undefined;
}
