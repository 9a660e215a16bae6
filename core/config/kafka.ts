import { z } from "zod";
import { DEFAULT_ADMIN_USER } from "../strimzi/names";
import { StrimziChartSource } from "./chart-source";
import { Cidr, ContainerResources, Environment, KubernetesNamespace, StorageSize } from "./environment";

/** One KafkaNodePool's size. */
const NodePoolConfig = z.strictObject({
  replicas: z.number().int().min(1).describe("Number of nodes in the pool."),
  storageSize: StorageSize.describe("Persistent volume size per node."),
  resources: ContainerResources.describe("Container requests and limits."),
});

/**
 * sha256 of the CRD manifest (`strimzi-crds-<version>.yaml`) of each Strimzi release the program
 * knows; the default CRD source of a release without an entry is an error (set `strimzi.crds`).
 * 1.2.0's digest was taken from published material, not computed from the file (GitHub is not
 * reachable where it was written): a wrong value stops the first preview before anything is created,
 * with the file's real digest in the message (docs/chart-sources.md).
 */
export const STRIMZI_CRDS_SHA256: Readonly<Record<string, string>> = {
  "1.2.0": "6f300e77128dc0963b8a6153c520a0f11b6f8999486a9b8e361c06aaa17860a3",
};

/** Where the Strimzi CRDs come from: a URL pinned by its sha256, or local YAML files. */
const CrdSource = z
  .strictObject({
    url: z
      .string()
      .regex(/^https:\/\/[^\s]+$/, "an https:// URL")
      .optional()
      .describe("URL of a CRD manifest; downloaded and checked against sha256 before use."),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "a sha256 digest (64 lower-case hex digits)")
      .optional()
      .describe("sha256 of the file at url (e.g. `sha256sum strimzi-crds-1.2.0.yaml`)."),
    path: z
      .string()
      .min(1)
      .optional()
      .describe("A CRD YAML file or a directory of them, relative to the project root."),
  })
  .superRefine((crds, ctx) => {
    if (crds.path !== undefined) {
      for (const key of ["url", "sha256"] as const) {
        if (crds[key] !== undefined)
          ctx.addIssue({ code: "custom", path: [key], message: "not allowed with path; remove one of them" });
      }
    } else if (crds.url === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["url"],
        message: "is required (or set path to local CRD files)",
      });
    } else if (crds.sha256 === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["sha256"],
        message: "is required with url: nothing is fetched at deploy time without a pin",
      });
    }
  });

/** The Strimzi operator installation. */
export const StrimziConfig = z
  .strictObject({
    version: z
      .string()
      .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "a version such as 4.1.0")
      .describe("Strimzi release; the Helm chart and CRDs of this version are installed."),
    chart: StrimziChartSource.describe(
      "The strimzi-kafka-operator chart: an oci:// reference, or { repo, chart } / { path } (docs/chart-sources.md).",
    ),
    crds: CrdSource.optional().describe(
      "The CRDs of `version`: { url, sha256 } or { path }; default: the release asset, pinned by the program.",
    ),
    crdsUrl: z
      .string()
      .min(1)
      .regex(/^(?![a-zA-Z][a-zA-Z0-9+.-]*:\/\/)/, {
        message:
          "is a URL without a pin: nothing is fetched at deploy time without one; set strimzi.crds: { url, sha256 } instead",
      })
      .optional()
      .describe("A local file with the CRDs of `version` (kept for compatibility; prefer crds.path)."),
    namespace: KubernetesNamespace.describe("Namespace of the cluster operator."),
    replicas: z
      .number()
      .int()
      .min(1)
      .max(3)
      .describe("Cluster operator replicas (more than one use leader election, for faster fail-over)."),
    resources: ContainerResources.describe("Cluster operator requests and limits."),
  })
  .superRefine((strimzi, ctx) => {
    if (typeof strimzi.chart !== "string" && strimzi.chart.version !== undefined) {
      if (strimzi.chart.version !== strimzi.version) {
        ctx.addIssue({
          code: "custom",
          path: ["chart", "version"],
          message: `differs from strimzi.version ${JSON.stringify(strimzi.version)}: the chart and the CRDs move together; remove it or make them equal`,
        });
      }
    }
    if (strimzi.crds !== undefined && strimzi.crdsUrl !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["crdsUrl"],
        message: "not allowed with crds; move the file to crds.path",
      });
    }
    if (
      strimzi.crds === undefined &&
      strimzi.crdsUrl === undefined &&
      /^[0-9]+\.[0-9]+\.[0-9]+$/.test(strimzi.version) && // a malformed version is reported once
      !STRIMZI_CRDS_SHA256[strimzi.version]
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["version"],
        message: `the program knows no sha256 of strimzi-crds-${strimzi.version}.yaml; set strimzi.crds: { url, sha256 } or { path } (docs/chart-sources.md)`,
      });
    }
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
