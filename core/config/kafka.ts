import { z } from "zod";
import { DEFAULT_ADMIN_USER } from "../strimzi/names";
import { Cidr, ContainerResources, Environment, KubernetesNamespace, StorageSize } from "./environment";

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
    .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "a version such as 4.1.0")
    .describe("Strimzi release; the Helm chart and CRDs of this version are installed."),
  chart: z.string().describe("OCI reference of the strimzi-kafka-operator Helm chart."),
  crdsUrl: z
    .string()
    .min(1)
    .optional()
    .describe("Manifest with the CRDs of `version` (a URL or file); default: the Strimzi release asset."),
  namespace: KubernetesNamespace.describe("Namespace of the cluster operator."),
  replicas: z
    .number()
    .int()
    .min(1)
    .max(3)
    .describe("Cluster operator replicas (more than one use leader election, for faster fail-over)."),
  resources: ContainerResources.describe("Cluster operator requests and limits."),
});
export type StrimziConfig = z.infer<typeof StrimziConfig>;

/** The Kafka cluster (Strimzi `Kafka` + `KafkaNodePool`s). */
export const KafkaConfig = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, "a DNS label")
      .describe("Name of the Kafka resource."),
    namespace: KubernetesNamespace.describe(
      "Namespace of Kafka, its topics and users (watched by the entity operator).",
    ),
    version: z.string().describe("Kafka version, e.g. 4.3.1."),
    metadataVersion: z.string().describe("KRaft metadata version, e.g. 4.3-IV0."),
    controllers: NodePoolConfig.refine((pool) => pool.replicas % 2 === 1, {
      message: "a KRaft quorum needs an odd number of controllers (1, 3 or 5)",
      path: ["replicas"],
    }).describe("The KRaft controller pool."),
    brokers: NodePoolConfig.describe("The broker pool."),
    deleteClaim: z.boolean().describe("Whether deleting the cluster deletes its volumes (never in prod)."),
    replication: z
      .strictObject({
        defaultReplicationFactor: z.number().int().min(1),
        minInsyncReplicas: z.number().int().min(1),
      })
      .describe("Broker defaults for replication (internal topics use the same)."),
    rackAwareness: z.boolean().describe("Spread replicas over zones (topology.kubernetes.io/zone)."),
    adminUser: z
      .string()
      .regex(/^[a-z]([a-z0-9-]{0,62}[a-z0-9])?$/, "a DNS label")
      .describe("The platform's SCRAM-SHA-512 super user (its password is generated)."),
    clusterCa: z
      .strictObject({
        validityDays: z.number().int().min(30).describe("Validity of the CA certificate the program issues."),
        generation: z
          .number()
          .int()
          .min(0)
          .describe("Bump to renew the CA certificate (same key); Strimzi then rolls the brokers."),
      })
      .describe("The cluster CA, provided by the program (see docs/kafka-cluster.md)."),
    clientNamespaceLabel: z
      .string()
      .regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, "a Kubernetes label key")
      .describe(
        "Pods in namespaces labelled `<this>=true` (and in the Kafka namespace) may reach the internal listener.",
      ),
    externalListener: z
      .strictObject({
        enabled: z.boolean(),
        type: z.enum(["loadbalancer", "nodeport"]),
        allowedCidrs: z.array(Cidr).describe("Source ranges allowed to reach the external listener."),
      })
      .describe("Optional external listener (TLS + SCRAM-SHA-512 only)."),
    kafkaExporter: z
      .strictObject({ enabled: z.boolean() })
      .describe("Kafka Exporter (consumer lag and topic offsets as Prometheus metrics)."),
    componentResources: z
      .strictObject({
        topicOperator: ContainerResources,
        userOperator: ContainerResources,
        kafkaExporter: ContainerResources,
        cruiseControl: ContainerResources,
      })
      .describe(
        "Requests and limits of the entity operator's containers, Kafka Exporter and Cruise Control.",
      ),
    maintenanceTimeWindows: z
      .array(z.string().min(1))
      .describe("Quartz cron expressions (UTC) in which Strimzi may roll pods to renew certificates."),
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
  })
  .superRefine((kafka, ctx) => {
    const external = kafka.externalListener;
    if (external.enabled && external.allowedCidrs.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["externalListener", "allowedCidrs"],
        message: "an enabled external listener needs at least one allowed source range",
      });
    }
  });
export type KafkaConfig = z.infer<typeof KafkaConfig>;

export function strimziDefaults(env: Environment): Record<string, unknown> {
  const prod = env === "prod";
  return {
    version: "1.2.0",
    chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator",
    namespace: "strimzi",
    replicas: prod ? 2 : 1,
    resources: { requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "384Mi" } },
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
    adminUser: DEFAULT_ADMIN_USER,
    clusterCa: { validityDays: prod ? 1825 : 730, generation: 0 },
    clientNamespaceLabel: "kafka-platform.io/kafka-client",
    externalListener: { enabled: false, type: "loadbalancer", allowedCidrs: [] },
    kafkaExporter: { enabled: true },
    componentResources: {
      topicOperator: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      userOperator: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      kafkaExporter: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      cruiseControl: prod
        ? { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } }
        : { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    },
    // prod: certificate renewal rolls only at night (the GKE maintenance window starts at 02:00 UTC).
    maintenanceTimeWindows: prod ? ["* * 0-4 ? * * *"] : [],
    cruiseControl: {
      enabled: prod,
      capacity: { cpu: "2", inboundNetwork: "50000KiB/s", outboundNetwork: "50000KiB/s" },
    },
  };
}
