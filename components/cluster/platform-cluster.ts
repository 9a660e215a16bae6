import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterProviderSettings } from "../../core/cluster/provider-settings";

/** A toleration for Kafka pods (Kubernetes core/v1 Toleration). */
export interface KafkaToleration {
  key: string;
  operator: "Equal" | "Exists";
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/**
 * What every cluster mode (gke, k3s, existing) hands the layers above it. Everything on the
 * cluster is created with `provider`, never with the ambient kubeconfig.
 */
export interface PlatformCluster {
  /** The Kubernetes provider for every Kubernetes resource of the program. */
  provider: k8s.Provider;
  /** How `provider` was made, for team stacks to make the same one (core/cluster/provider-settings.ts). */
  providerSettings: ClusterProviderSettings;
  /** Cluster name. */
  name: pulumi.Output<string>;
  /** API server endpoint (host or URL). */
  endpoint: pulumi.Output<string>;
  /** Kubeconfig for the cluster, as a Pulumi secret. */
  kubeconfig: pulumi.Output<string>;
  /** StorageClass for Kafka volumes; undefined for the cluster's default class. */
  kafkaStorageClass: pulumi.Input<string> | undefined;
  /** Zones Kafka nodes run in (empty when unknown, e.g. an existing cluster). */
  zones: string[];
  /** Node selector for Kafka pods (dedicated nodes), if any. */
  kafkaNodeSelector: Record<string, string>;
  /** Tolerations for Kafka pods (the dedicated pool's taint), if any. */
  kafkaTolerations: KafkaToleration[];
  /** GCP context, when the cluster runs on GCP (buckets and Workload Identity for monitoring). */
  gcp?: {
    project: string;
    region: string;
    /** Workload Identity pool (`<project>.svc.id.goog`) when the cluster has Workload Identity. */
    workloadIdentityPool?: string;
    /**
     * Set where the VPC firewall keeps LoadBalancer Services closed (k3s: its service load balancer
     * binds the ports on the nodes); a layer that exposes a port adds a firewall rule here. GKE
     * opens its load balancers' ports itself.
     */
    loadBalancerFirewall?: {
      /** The VPC network (ID) of the nodes. */
      network: pulumi.Output<string>;
      /** Network tags of the nodes that serve LoadBalancer Services. */
      targetTags: string[];
    };
  };
}
