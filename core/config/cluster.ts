import { z } from "zod";
import { Cidr, Environment } from "./environment";

/** A GCP resource name usable for clusters, VMs and networks (lower case, ≤ 40 characters). */
const ResourceName = z
  .string()
  .regex(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "a lower-case name of at most 40 characters, e.g. kafka-prod");

/** Autoscaling limits of a node pool, per zone. */
const PoolLimits = {
  machineType: z.string().min(1),
  minNodes: z.number().int().min(0),
  maxNodes: z.number().int().min(1),
};

/** `gke`: a regional, private, VPC-native GKE cluster with a dedicated Kafka node pool. */
export const GkeClusterConfig = z
  .strictObject({
    name: ResourceName.describe("Name of the GKE cluster (and prefix of its network resources)."),
    project: z.string().min(1).describe("GCP project ID that holds the cluster."),
    region: z.string().min(1).describe("GCP region of the regional cluster, e.g. europe-west6."),
    zones: z.array(z.string().min(1)).length(3).describe("The three zones Kafka brokers are spread over."),
    releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"]).describe("GKE release channel."),
    masterAuthorizedNetworks: z
      .array(z.strictObject({ cidr: Cidr, name: z.string().min(1) }))
      .min(1)
      .describe("CIDRs allowed to reach the control plane."),
    network: z
      .strictObject({
        nodeCidr: Cidr.describe("Primary range of the subnet (nodes)."),
        podCidr: Cidr.describe("Secondary range for pods."),
        serviceCidr: Cidr.describe("Secondary range for services."),
        masterCidr: Cidr.describe("A /28 for the private control plane endpoint."),
      })
      .describe("Address ranges of the cluster's own VPC."),
    systemPool: z
      .strictObject(PoolLimits)
      .describe("Node pool for the operators, monitoring and system pods (per zone)."),
    kafkaPool: z
      .strictObject({ ...PoolLimits, diskSizeGb: z.number().int().min(20) })
      .describe("Dedicated, tainted node pool for brokers and controllers (per zone)."),
    maintenanceWindowStart: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a time HH:MM in UTC")
      .describe("Daily maintenance window start (UTC)."),
    deletionProtection: z.boolean().describe("Whether GKE refuses to delete the cluster."),
  })
  .superRefine((gke, ctx) => {
    gke.zones.forEach((zone, i) => {
      if (!zone.startsWith(`${gke.region}-`))
        ctx.addIssue({
          code: "custom",
          path: ["zones", i],
          message: `is not a zone of region ${gke.region}`,
        });
    });
    if (new Set(gke.zones).size !== gke.zones.length)
      ctx.addIssue({
        code: "custom",
        path: ["zones"],
        message: "names a zone twice; expected three different zones",
      });
    if (!gke.network.masterCidr.endsWith("/28"))
      ctx.addIssue({
        code: "custom",
        path: ["network", "masterCidr"],
        message: "must be a /28 (GKE's control plane range)",
      });
    for (const pool of ["systemPool", "kafkaPool"] as const) {
      if (gke[pool].minNodes > gke[pool].maxNodes)
        ctx.addIssue({
          code: "custom",
          path: [pool, "minNodes"],
          message: `exceeds maxNodes (${gke[pool].maxNodes})`,
        });
    }
  });
export type GkeClusterConfig = z.infer<typeof GkeClusterConfig>;

/** `k3s`: K3s on GCE VMs, cheap and real, for dev. */
export const K3sClusterConfig = z
  .strictObject({
    name: ResourceName.describe("Name of the cluster (prefix of the VMs and network resources)."),
    project: z.string().min(1).describe("GCP project ID that holds the VMs."),
    region: z.string().min(1).describe("GCP region."),
    zone: z.string().min(1).describe("GCP zone of the VMs."),
    version: z
      .string()
      .regex(/^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$/, "a K3s release such as v1.36.1+k3s1")
      .describe("Pinned K3s release."),
    machineType: z.string().min(1).describe("GCE machine type of the server (and agents)."),
    image: z.string().min(1).describe("Boot image of the VMs (needs bash, curl and the gcloud CLI)."),
    agents: z.number().int().min(0).max(10).describe("Number of agent VMs besides the server."),
    diskSizeGb: z.number().int().min(20).describe("Boot disk size; local-path volumes live on it."),
    apiAllowedCidrs: z.array(Cidr).min(1).describe("CIDRs allowed to reach the K3s API server (port 6443)."),
    nodeCidr: Cidr.describe("Primary range of the VMs' subnet."),
    adminCertValidityHours: z
      .number()
      .int()
      .min(24)
      .max(87600)
      .describe(
        "Validity of the admin client certificate in the kubeconfig; renewed by `pulumi up` in its last quarter.",
      ),
    sshViaIap: z.boolean().describe("Allow SSH (port 22) from Identity-Aware Proxy only, for debugging."),
  })
  .superRefine((k3s, ctx) => {
    if (!k3s.zone.startsWith(`${k3s.region}-`))
      ctx.addIssue({
        code: "custom",
        path: ["zone"],
        message: `is not a zone of region ${k3s.region}`,
      });
  });
export type K3sClusterConfig = z.infer<typeof K3sClusterConfig>;

/** `existing`: a cluster someone else runs (kind, k3d, minikube, Docker Desktop, OpenShift). */
export const ExistingClusterConfig = z.strictObject({
  kubeconfig: z
    .string()
    .min(1)
    .describe("Path to the kubeconfig file (`~` is expanded; relative to the project directory)."),
  context: z.string().min(1).optional().describe("Context in the kubeconfig; default: its current context."),
  storageClass: z
    .string()
    .optional()
    .describe("StorageClass for Kafka volumes; default: the cluster's default."),
});
export type ExistingClusterConfig = z.infer<typeof ExistingClusterConfig>;

export const ClusterConfig = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("gke"), gke: GkeClusterConfig }),
  z.strictObject({ mode: z.literal("k3s"), k3s: K3sClusterConfig }),
  z.strictObject({ mode: z.literal("existing"), existing: ExistingClusterConfig }),
]);
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** Defaults merged beneath the stack's own values; mode-specific required values have none. */
export function clusterDefaults(env: Environment, mode: unknown): Record<string, unknown> {
  const perMode: Record<string, Record<string, unknown>> = {
    gke: {
      name: `kafka-${env}`,
      releaseChannel: env === "prod" ? "STABLE" : "REGULAR",
      network: {
        nodeCidr: "10.10.0.0/20",
        podCidr: "10.16.0.0/14",
        serviceCidr: "10.20.0.0/20",
        masterCidr: "172.16.0.0/28",
      },
      systemPool: { machineType: "e2-standard-4", minNodes: 1, maxNodes: 3 },
      kafkaPool: { machineType: "n2-standard-8", minNodes: 1, maxNodes: 2, diskSizeGb: 100 },
      maintenanceWindowStart: "02:00",
      deletionProtection: env === "prod",
    },
    k3s: {
      name: `kafka-${env}`,
      version: "v1.36.1+k3s1",
      machineType: "e2-standard-4",
      image: "debian-cloud/debian-12",
      agents: 0,
      diskSizeGb: 100,
      nodeCidr: "10.30.0.0/24",
      adminCertValidityHours: 8760,
      sshViaIap: true,
    },
  };
  return typeof mode === "string" && perMode[mode] ? { [mode]: perMode[mode] } : {};
}
