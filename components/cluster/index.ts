import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../core/config";
import type { ExistingClusterAccess } from "../../core/cluster/existing";
import { ExistingCluster } from "./existing-cluster";
import { GkeCluster } from "./gke-cluster";
import { K3sCluster } from "./k3s-cluster";
import { PlatformCluster } from "./platform-cluster";

export type { PlatformCluster, KafkaToleration } from "./platform-cluster";

export interface CreateClusterOptions {
  /** For `existing` mode: the kubeconfig read during validation (`readExistingCluster`). */
  existing?: ExistingClusterAccess;
  /** Options for the cluster component. */
  opts?: pulumi.ComponentResourceOptions;
}

/** The cluster of the stack's `kafka-platform:cluster.mode`, as the layers above see it. */
export function createCluster(
  name: string,
  config: PlatformConfig,
  options: CreateClusterOptions = {},
): PlatformCluster {
  const cluster = config.cluster;
  switch (cluster.mode) {
    case "gke":
      return new GkeCluster(name, { config: cluster.gke }, options.opts);
    case "k3s":
      return new K3sCluster(name, { config: cluster.k3s }, options.opts);
    case "existing":
      if (!options.existing)
        throw new Error("createCluster: existing mode needs the kubeconfig read by readExistingCluster");
      return new ExistingCluster(
        name,
        { access: options.existing, storageClass: cluster.existing.storageClass },
        options.opts,
      );
  }
}
