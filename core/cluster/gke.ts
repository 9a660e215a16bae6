import type { GkeClusterConfig } from "../config/cluster";

/**
 * GKE settings derived from the `gke` config (pure, so the choices are unit-testable without
 * Pulumi). The component passes them to @pulumi/gcp with the network references filled in.
 */

/** Label on the Kafka pool's nodes; Kafka pods select it. */
export const KAFKA_POOL_LABEL = "kafka-platform.io/node-pool";
/** The Kafka pool's taint: only pods that tolerate it (brokers, controllers) land there. */
export const KAFKA_TAINT = { key: "dedicated", value: "kafka", effect: "NoSchedule" } as const;

/** Roles of the node service account: write logs and metrics, nothing else. */
export const NODE_SERVICE_ACCOUNT_ROLES = [
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/stackdriver.resourceMetadata.writer",
] as const;

/** APIs the cluster needs enabled in the project. */
export const GKE_APIS = ["compute.googleapis.com", "container.googleapis.com", "iam.googleapis.com"] as const;

/** Names of the secondary ranges of the cluster subnet. */
export const SECONDARY_RANGES = { pods: "pods", services: "services" } as const;

/** The context name gcloud gives the cluster; also the provider's stable `clusterIdentifier`. */
export function gkeContextName(gke: Pick<GkeClusterConfig, "project" | "region" | "name">): string {
  return `gke_${gke.project}_${gke.region}_${gke.name}`;
}

/** The Workload Identity pool of the project. */
export function workloadIdentityPool(project: string): string {
  return `${project}.svc.id.goog`;
}

/** Cluster arguments that do not depend on other resources. */
export function gkeClusterSettings(gke: GkeClusterConfig) {
  return {
    name: gke.name,
    project: gke.project,
    location: gke.region, // regional: the control plane is replicated over the region's zones
    nodeLocations: gke.zones,
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    networkingMode: "VPC_NATIVE",
    ipAllocationPolicy: {
      clusterSecondaryRangeName: SECONDARY_RANGES.pods,
      servicesSecondaryRangeName: SECONDARY_RANGES.services,
    },
    privateClusterConfig: {
      enablePrivateNodes: true,
      // The endpoint stays public but only the authorized networks below may reach it.
      enablePrivateEndpoint: false,
      masterIpv4CidrBlock: gke.network.masterCidr,
      masterGlobalAccessConfig: { enabled: false },
    },
    masterAuthorizedNetworksConfig: {
      cidrBlocks: gke.masterAuthorizedNetworks.map((n) => ({ cidrBlock: n.cidr, displayName: n.name })),
      // Only the listed networks: not every Google Cloud public IP (Cloud Shell, other projects' VMs).
      gcpPublicCidrsAccessEnabled: false,
    },
    // Dataplane V2 (eBPF) enforces NetworkPolicy itself; the legacy Calico add-on stays off.
    datapathProvider: "ADVANCED_DATAPATH",
    workloadIdentityConfig: { workloadPool: workloadIdentityPool(gke.project) },
    enableShieldedNodes: true,
    releaseChannel: { channel: gke.releaseChannel },
    maintenancePolicy: { dailyMaintenanceWindow: { startTime: gke.maintenanceWindowStart } },
    addonsConfig: {
      gcePersistentDiskCsiDriverConfig: { enabled: true },
      httpLoadBalancing: { disabled: false },
      horizontalPodAutoscaling: { disabled: false },
    },
    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
    enableLegacyAbac: false,
    deletionProtection: gke.deletionProtection,
  };
}

export type NodePoolKind = "system" | "kafka";

/** Node pool arguments (per zone limits), except the cluster and service account references. */
export function gkeNodePoolSettings(gke: GkeClusterConfig, kind: NodePoolKind) {
  const pool = kind === "kafka" ? gke.kafkaPool : gke.systemPool;
  return {
    // No fixed name: Pulumi names the pool `<resource>-<suffix>`, so a change that replaces it creates
    // the new pool before the old one is drained and deleted (nodes are found by label, not pool name).
    project: gke.project,
    location: gke.region,
    nodeLocations: gke.zones,
    initialNodeCount: pool.minNodes,
    autoscaling: { minNodeCount: pool.minNodes, maxNodeCount: pool.maxNodes },
    management: { autoRepair: true, autoUpgrade: true },
    // Surge one node and drain one at a time: brokers move one by one, within their PodDisruptionBudget.
    upgradeSettings: { maxSurge: 1, maxUnavailable: 0, strategy: "SURGE" },
    nodeConfig: {
      machineType: pool.machineType,
      diskType: "pd-balanced", // boot disk only; Kafka data lives on pd-ssd volumes
      diskSizeGb: kind === "kafka" ? gke.kafkaPool.diskSizeGb : 100,
      imageType: "COS_CONTAINERD",
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: "GKE_METADATA" },
      metadata: { "disable-legacy-endpoints": "true" },
      labels: { [KAFKA_POOL_LABEL]: kind },
      taints:
        kind === "kafka" ? [{ key: KAFKA_TAINT.key, value: KAFKA_TAINT.value, effect: "NO_SCHEDULE" }] : [],
    },
  };
}

/** The StorageClass Kafka volumes use on GKE. */
export const GKE_KAFKA_STORAGE_CLASS = {
  name: "kafka-pd-ssd",
  provisioner: "pd.csi.storage.gke.io",
  parameters: { type: "pd-ssd" },
  // Bind where the pod is scheduled, so a broker's disk is created in its node's zone.
  volumeBindingMode: "WaitForFirstConsumer",
  allowVolumeExpansion: true,
  // Kafka data outlives an accidental PVC deletion.
  reclaimPolicy: "Retain",
} as const;

/** A service account ID (6–30 characters, no trailing dash) from a cluster name and a role word. */
export function serviceAccountId(clusterName: string, role: string): string {
  const id = `${clusterName.slice(0, 29 - role.length)}-${role}`.replace(/-+$/, "");
  return id.replace(/--+/g, "-");
}
