import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES } from "../../core/monitoring/endpoints";
import { ComponentStoragePlan } from "../../core/monitoring/object-storage";
import {
  mimirDistributedValues,
  mimirMonolithicConfig,
  mimirMonolithicObjects,
} from "../../core/monitoring/values/mimir";
import { pinnedChart } from "./pinned-chart";

export interface MimirArgs {
  /** The monitoring configuration (mode, chart or image, sizes, retention). */
  config: MonitoringConfig;
  /** Buckets and Workload Identity service account (required in distributed mode). */
  storage?: ComponentStoragePlan;
  /** Resources that must exist first (the buckets and IAM bindings). */
  storageReady?: pulumi.Resource[];
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/**
 * Mimir, the metrics store with its ruler and Alertmanager: `mimir-distributed` on GCS (prod), or a
 * single process with everything on one volume (dev).
 */
export class Mimir extends pulumi.ComponentResource {
  constructor(name: string, args: MimirArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:Mimir", name, {}, opts);
    const child = { parent: this, provider: args.provider };
    if (args.config.mimir.mode === "distributed") {
      if (!args.storage)
        throw new Error("distributed Mimir needs object storage (monitoring.objectStorage: gcs)");
      pinnedChart(
        RELEASES.mimir,
        args.config.charts.mimir,
        args.namespace,
        mimirDistributedValues(args.config, args.storage),
        {
          ...child,
          dependsOn: args.storageReady,
        },
      );
    } else {
      const objects = mimirMonolithicObjects(args.config, stringify(mimirMonolithicConfig(args.config)));
      // The namespace as an input, so that the objects wait for the Namespace resource.
      const inNamespace = <T extends { metadata: object }>(o: T) => ({
        ...o,
        metadata: { ...o.metadata, namespace: args.namespace },
      });
      const configMap = new k8s.core.v1.ConfigMap(`${name}-config`, inNamespace(objects.configMap), child);
      new k8s.core.v1.Service(`${name}-service`, inNamespace(objects.service), child);
      new k8s.apps.v1.StatefulSet(`${name}-statefulset`, inNamespace(objects.statefulSet), {
        ...child,
        dependsOn: [configMap],
      });
    }
    this.registerOutputs({});
  }
}
