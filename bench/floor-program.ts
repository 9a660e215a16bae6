import * as k8s from "@pulumi/kubernetes";

export interface FloorOptions {
  /**
   * Yield to the event loop after every `batch` resources, as the platform program does after
   * each team; the default (none) is the minimal program, a plain loop.
   */
  batch?: number;
}

/**
 * The floor: a program that registers `count` plain Strimzi custom resources, with no config,
 * validation or derivation — the engine's own per-resource cost under the same mocks.
 */
export function floorProgram(
  count: number,
  options: FloorOptions = {},
): () => Promise<Record<string, unknown>> {
  const batch = options.batch ?? Infinity;
  return async () => {
    for (let i = 0; i < count; i++) {
      new k8s.apiextensions.CustomResource(`topic-${i}`, {
        apiVersion: "kafka.strimzi.io/v1",
        kind: "KafkaTopic",
        metadata: { name: `topic-${i}`, namespace: "kafka", labels: { "strimzi.io/cluster": "kafka" } },
        spec: { partitions: 6, replicas: 3, config: { "retention.ms": "604800000" } },
      });
      if ((i + 1) % batch === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return {};
  };
}
