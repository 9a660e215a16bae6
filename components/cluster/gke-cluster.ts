import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GkeClusterConfig } from "../../core/config";
import {
  GKE_APIS,
  GKE_KAFKA_STORAGE_CLASS,
  gkeClusterSettings,
  gkeContextName,
  gkeNodePoolSettings,
  KAFKA_POOL_LABEL,
  KAFKA_TAINT,
  SECONDARY_RANGES,
  serviceAccountId,
  workloadIdentityPool,
} from "../../core/cluster/gke";
import { gkeKubeconfig } from "../../core/cluster/kubeconfig";
import { enableServices, grantNodeRoles } from "./gcp-services";
import { KafkaToleration, PlatformCluster } from "./platform-cluster";
import { ClusterProviderSettings, clusterProviderInputs } from "../../core/cluster/provider-settings";

export interface GkeClusterArgs {
  /** The validated `kafka-platform:cluster.gke` config. */
  config: GkeClusterConfig;
}

/**
 * A regional, private, VPC-native GKE cluster on its own VPC with Cloud NAT egress, a system
 * node pool, a tainted Kafka node pool over three zones, and a pd-ssd StorageClass for Kafka.
 */
export class GkeCluster extends pulumi.ComponentResource implements PlatformCluster {
  readonly provider: k8s.Provider;
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly providerSettings: ClusterProviderSettings;
  readonly kafkaStorageClass: pulumi.Output<string>;
  readonly zones: string[];
  readonly kafkaNodeSelector: Record<string, string>;
  readonly kafkaTolerations: KafkaToleration[];
  readonly gcp: NonNullable<PlatformCluster["gcp"]>;

  constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:cluster:GkeCluster", name, {}, opts);
    const cfg = args.config;
    const { project, region } = cfg;
    const parent = { parent: this };

    const apis = enableServices(name, project, GKE_APIS, this);
    const afterApis = { parent: this, dependsOn: apis };

    const network = new gcp.compute.Network(
      `${name}-vpc`,
      { project, name: `${cfg.name}-vpc`, autoCreateSubnetworks: false, routingMode: "REGIONAL" },
      afterApis,
    );
    const subnet = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      {
        project,
        region,
        name: `${cfg.name}-nodes`,
        network: network.id,
        ipCidrRange: cfg.network.nodeCidr,
        secondaryIpRanges: [
          { rangeName: SECONDARY_RANGES.pods, ipCidrRange: cfg.network.podCidr },
          { rangeName: SECONDARY_RANGES.services, ipCidrRange: cfg.network.serviceCidr },
        ],
        // Private nodes reach Google APIs (Artifact Registry, logging) without NAT.
        privateIpGoogleAccess: true,
        logConfig: {
          aggregationInterval: "INTERVAL_5_MIN",
          flowSampling: 0.5,
          metadata: "INCLUDE_ALL_METADATA",
        },
      },
      parent,
    );

    // Private nodes have no external IPs; Cloud NAT gives them egress (image pulls, Kafka clients outside).
    const router = new gcp.compute.Router(
      `${name}-router`,
      { project, region, name: `${cfg.name}-router`, network: network.id },
      parent,
    );
    new gcp.compute.RouterNat(
      `${name}-nat`,
      {
        project,
        region,
        name: `${cfg.name}-nat`,
        router: router.name,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
      },
      parent,
    );

    // Least privilege: the nodes write logs and metrics; workloads get their own identities (Workload Identity).
    const nodeAccount = new gcp.serviceaccount.Account(
      `${name}-nodes`,
      {
        project,
        accountId: serviceAccountId(cfg.name, "nodes"),
        displayName: `GKE nodes of ${cfg.name}`,
      },
      afterApis,
    );
    const nodeRoles = grantNodeRoles(`${name}-nodes`, project, nodeAccount.member, parent);

    const settings = gkeClusterSettings(cfg);
    const cluster = new gcp.container.Cluster(
      `${name}-gke`,
      {
        ...settings,
        network: network.id,
        subnetwork: subnet.id,
        // Only the short-lived default pool uses this; it is removed right after creation.
        nodeConfig: {
          serviceAccount: nodeAccount.email,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
          workloadMetadataConfig: { mode: "GKE_METADATA" },
        },
      },
      {
        parent: this,
        dependsOn: [...apis, ...nodeRoles],
        protect: cfg.deletionProtection,
        // The default pool is gone; its nodeConfig would show as drift forever.
        ignoreChanges: ["nodeConfig", "initialNodeCount"],
      },
    );

    const pools = (["system", "kafka"] as const).map(
      (kind) =>
        new gcp.container.NodePool(
          `${name}-${kind}`,
          (() => {
            const pool = gkeNodePoolSettings(cfg, kind);
            return {
              ...pool,
              cluster: cluster.name,
              nodeConfig: { ...pool.nodeConfig, serviceAccount: nodeAccount.email },
            };
          })(),
          // The autoscaler owns the node count once the pool exists.
          { parent: this, ignoreChanges: ["initialNodeCount"] },
        ),
    );

    const contextName = gkeContextName(cfg);
    this.name = cluster.name;
    this.endpoint = cluster.endpoint;
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([cluster.endpoint, cluster.masterAuth])
        .apply(([endpoint, auth]) =>
          gkeKubeconfig({ contextName, endpoint, caCertificateBase64: auth.clusterCaCertificate ?? "" }),
        ),
    );
    // Everything on the cluster waits for the node pools, and a rotated CA or a new endpoint only
    // updates the provider (clusterIdentifier) instead of replacing every Kubernetes resource.
    this.providerSettings = { name: `${name}-k8s`, clusterIdentifier: contextName };
    this.provider = new k8s.Provider(
      this.providerSettings.name,
      clusterProviderInputs(this.kubeconfig, this.providerSettings),
      { parent: this, dependsOn: pools },
    );

    const storageClass = new k8s.storage.v1.StorageClass(
      `${name}-kafka-storage`,
      {
        metadata: { name: GKE_KAFKA_STORAGE_CLASS.name },
        provisioner: GKE_KAFKA_STORAGE_CLASS.provisioner,
        parameters: GKE_KAFKA_STORAGE_CLASS.parameters,
        volumeBindingMode: GKE_KAFKA_STORAGE_CLASS.volumeBindingMode,
        allowVolumeExpansion: GKE_KAFKA_STORAGE_CLASS.allowVolumeExpansion,
        reclaimPolicy: GKE_KAFKA_STORAGE_CLASS.reclaimPolicy,
      },
      { parent: this, provider: this.provider },
    );
    this.kafkaStorageClass = storageClass.metadata.name;
    this.zones = [...cfg.zones];
    this.kafkaNodeSelector = { [KAFKA_POOL_LABEL]: "kafka" };
    this.kafkaTolerations = [{ ...KAFKA_TAINT, operator: "Equal" }];
    this.gcp = { project, region, workloadIdentityPool: workloadIdentityPool(project) };

    this.registerOutputs({
      name: this.name,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      kafkaStorageClass: this.kafkaStorageClass,
    });
  }
}
