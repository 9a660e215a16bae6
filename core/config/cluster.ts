import { z } from "zod";
import { Cidr, Environment } from "./environment";

/** `gke`: a regional, private, VPC-native GKE cluster with a dedicated Kafka node pool. */
export const GkeClusterConfig = z.strictObject({
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
    .strictObject({
      machineType: z.string(),
      minNodes: z.number().int().min(0),
      maxNodes: z.number().int().min(1),
    })
    .describe("Node pool for the operators, monitoring and system pods (per zone)."),
  kafkaPool: z
    .strictObject({
      machineType: z.string(),
      minNodes: z.number().int().min(0),
      maxNodes: z.number().int().min(1),
      diskSizeGb: z.number().int().min(20),
    })
    .describe("Dedicated, tainted node pool for brokers and controllers (per zone)."),
  maintenanceWindowStart: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a time HH:MM in UTC")
    .describe("Daily maintenance window start (UTC)."),
  deletionProtection: z.boolean().describe("Whether GKE refuses to delete the cluster."),
});
export type GkeClusterConfig = z.infer<typeof GkeClusterConfig>;

/** `k3s`: K3s on GCE VMs, cheap and real, for dev. */
export const K3sClusterConfig = z.strictObject({
  project: z.string().min(1).describe("GCP project ID that holds the VMs."),
  region: z.string().min(1).describe("GCP region."),
  zone: z.string().min(1).describe("GCP zone of the VMs."),
  version: z
    .string()
    .regex(/^v[0-9]+\.[0-9]+\.[0-9]+\+k3s[0-9]+$/, "a K3s release such as v1.34.2+k3s1")
    .describe("Pinned K3s release."),
  machineType: z.string().describe("GCE machine type of the server (and agents)."),
  agents: z.number().int().min(0).max(10).describe("Number of agent VMs besides the server."),
  diskSizeGb: z.number().int().min(20).describe("Boot disk size; local-path volumes live on it."),
  apiAllowedCidrs: z.array(Cidr).min(1).describe("CIDRs allowed to reach the K3s API server (port 6443)."),
  nodeCidr: Cidr.describe("Primary range of the VMs' subnet."),
});
export type K3sClusterConfig = z.infer<typeof K3sClusterConfig>;

/** `existing`: a cluster someone else runs (kind, k3d, minikube, Docker Desktop, OpenShift). */
export const ExistingClusterConfig = z.strictObject({
  kubeconfig: z.string().min(1).describe("Path to the kubeconfig file (`~` is expanded)."),
  context: z.string().optional().describe("Context in the kubeconfig; default: its current context."),
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
      releaseChannel: "REGULAR",
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
      version: "v1.34.2+k3s1",
      machineType: "e2-standard-4",
      agents: 0,
      diskSizeGb: 100,
      nodeCidr: "10.30.0.0/24",
    },
  };
  return typeof mode === "string" && perMode[mode] ? { [mode]: perMode[mode] } : {};
}
