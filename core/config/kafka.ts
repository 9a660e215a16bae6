import { z } from "zod";
import { ContainerResources, Environment, StorageSize } from "./environment";

/** One KafkaNodePool's size. */
const NodePoolConfig = z.strictObject({
  replicas: z.number().int().min(1).describe("Number of nodes in the pool."),
  storageSize: StorageSize.describe("Persistent volume size per node."),
  resources: ContainerResources.describe("Container requests and limits."),
});

/** The Strimzi operator installation. */
export const StrimziConfig = z.strictObject({
  version: z
    .string()
    .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/)
    .describe("Strimzi release; the Helm chart and CRDs of this version are installed."),
  chart: z.string().describe("OCI reference of the strimzi-kafka-operator Helm chart."),
  namespace: z.string().describe("Namespace of the cluster operator."),
});
export type StrimziConfig = z.infer<typeof StrimziConfig>;

/** The Kafka cluster (Strimzi `Kafka` + `KafkaNodePool`s). */
export const KafkaConfig = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, "a DNS label")
    .describe("Name of the Kafka resource."),
  namespace: z
    .string()
    .describe("Namespace of Kafka, its topics and users (watched by the entity operator)."),
  version: z.string().describe("Kafka version, e.g. 4.3.1."),
  metadataVersion: z.string().describe("KRaft metadata version, e.g. 4.3-IV0."),
  controllers: NodePoolConfig.describe("The KRaft controller pool."),
  brokers: NodePoolConfig.describe("The broker pool."),
  deleteClaim: z.boolean().describe("Whether deleting the cluster deletes its volumes (never in prod)."),
  replication: z
    .strictObject({
      defaultReplicationFactor: z.number().int().min(1),
      minInsyncReplicas: z.number().int().min(1),
    })
    .describe("Broker defaults for replication (internal topics use the same)."),
  rackAwareness: z.boolean().describe("Spread replicas over zones (topology.kubernetes.io/zone)."),
  externalListener: z
    .strictObject({
      enabled: z.boolean(),
      type: z.enum(["loadbalancer", "nodeport"]),
      allowedCidrs: z.array(z.string()).describe("Source ranges allowed to reach the external listener."),
    })
    .describe("Optional external listener (TLS + SCRAM-SHA-512 only)."),
  cruiseControl: z
    .strictObject({
      enabled: z.boolean(),
      capacity: z.strictObject({
        cpu: z.string().describe("CPU capacity per broker, e.g. `2`."),
        inboundNetwork: z.string().describe("Inbound network capacity per broker, e.g. `50000KiB/s`."),
        outboundNetwork: z.string().describe("Outbound network capacity per broker, e.g. `50000KiB/s`."),
      }),
    })
    .describe("Cruise Control for rebalancing, with broker capacity."),
});
export type KafkaConfig = z.infer<typeof KafkaConfig>;

export function strimziDefaults(_env: Environment): Record<string, unknown> {
  return {
    version: "1.2.0",
    chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator",
    namespace: "strimzi",
  };
}

export function kafkaDefaults(env: Environment): Record<string, unknown> {
  const prod = env === "prod";
  return {
    name: "kafka",
    namespace: "kafka",
    version: "4.3.1",
    metadataVersion: "4.3-IV0",
    controllers: {
      replicas: prod ? 3 : 1,
      storageSize: prod ? "20Gi" : "5Gi",
      resources: prod
        ? { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "2Gi" } }
        : { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    },
    brokers: {
      replicas: prod ? 3 : 1,
      storageSize: prod ? "500Gi" : "20Gi",
      resources: prod
        ? { requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "8Gi" } }
        : { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
    },
    deleteClaim: !prod,
    replication: prod
      ? { defaultReplicationFactor: 3, minInsyncReplicas: 2 }
      : { defaultReplicationFactor: 1, minInsyncReplicas: 1 },
    rackAwareness: prod,
    externalListener: { enabled: false, type: "loadbalancer", allowedCidrs: [] },
    cruiseControl: {
      enabled: prod,
      capacity: { cpu: "2", inboundNetwork: "50000KiB/s", outboundNetwork: "50000KiB/s" },
    },
  };
}
