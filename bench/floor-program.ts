import * as k8s from "@pulumi/kubernetes";

/**
 * The floor: a program that registers `count` plain Strimzi custom resources, with no config,
 * validation or derivation — the engine's own per-resource cost under the same mocks.
 */
export function floorProgram(count: number): () => Promise<Record<string, unknown>> {
  return async () => {
    for (let i = 0; i < count; i++) {
      new k8s.apiextensions.CustomResource(`topic-${i}`, {
        apiVersion: "kafka.strimzi.io/v1",
        kind: "KafkaTopic",
        metadata: { name: `topic-${i}`, namespace: "kafka", labels: { "strimzi.io/cluster": "kafka" } },
        spec: { partitions: 6, replicas: 3, config: { "retention.ms": "604800000" } },
      });
    }
    return {};
  };
}
