import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES } from "../../core/monitoring/endpoints";
import { ComponentStoragePlan } from "../../core/monitoring/object-storage";
import { lokiValues } from "../../core/monitoring/values/loki";
import { pinnedChart } from "./pinned-chart";

export interface LokiArgs {
  /** The monitoring configuration (chart, mode, sizes, retention). */
  config: MonitoringConfig;
  /** Buckets and Workload Identity service account, when logs go to GCS. */
  storage?: ComponentStoragePlan;
  /** Resources that must exist first (the buckets and IAM bindings). */
  storageReady?: pulumi.Resource[];
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** Loki: monolithic on its volume (dev) or distributed on GCS (prod). */
export class Loki extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: LokiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:Loki", name, {}, opts);
    this.chart = pinnedChart(
      RELEASES.loki,
      args.config.charts.loki,
      args.namespace,
      lokiValues(args.config, args.storage),
      {
        parent: this,
        provider: args.provider,
        dependsOn: args.storageReady,
      },
    );
    this.registerOutputs({});
  }
}
