import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExistingClusterAccess } from "../../core/cluster/existing";
import { KafkaToleration, PlatformCluster } from "./platform-cluster";
import { ClusterProviderSettings, clusterProviderInputs } from "../../core/cluster/provider-settings";

export interface ExistingClusterArgs {
  /** The kubeconfig, already read and reduced to one context (core/cluster/existing.ts). */
  access: ExistingClusterAccess;
  /** StorageClass for Kafka volumes; undefined for the cluster's default. */
  storageClass?: string;
}

/**
 * A cluster someone else runs (kind, k3d, minikube, Docker Desktop, OpenShift): only a
 * Kubernetes provider for the chosen context, nothing is created.
 */
export class ExistingCluster extends pulumi.ComponentResource implements PlatformCluster {
  readonly provider: k8s.Provider;
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly providerSettings: ClusterProviderSettings;
  readonly kafkaStorageClass: string | undefined;
  readonly zones: string[] = [];
  readonly kafkaNodeSelector: Record<string, string> = {};
  readonly kafkaTolerations: KafkaToleration[] = [];

  constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:cluster:ExistingCluster", name, {}, opts);
    const { access } = args;
    this.name = pulumi.output(access.cluster);
    this.endpoint = pulumi.output(access.server);
    this.kubeconfig = pulumi.secret(access.kubeconfig);
    this.kafkaStorageClass = args.storageClass;
    // The contents, not the path: the state does not depend on a file on one laptop. The identifier
    // keeps resources when the kubeconfig's credentials change.
    this.providerSettings = {
      name: `${name}-k8s`,
      context: access.context,
      clusterIdentifier: `existing_${access.cluster}`,
    };
    this.provider = new k8s.Provider(
      this.providerSettings.name,
      clusterProviderInputs(this.kubeconfig, this.providerSettings),
      { parent: this },
    );
    this.registerOutputs({ name: this.name, endpoint: this.endpoint, kubeconfig: this.kubeconfig });
  }
}
