import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES } from "../../core/monitoring/endpoints";
import { ComponentStoragePlan } from "../../core/monitoring/object-storage";
import { tempoValues } from "../../core/monitoring/values/tempo";
import { pinnedChart } from "./pinned-chart";

export interface TempoArgs {
  /** The monitoring configuration (chart, sizes, retention). */
  config: MonitoringConfig;
  /** Bucket and Workload Identity service account, when traces go to GCS. */
  storage?: ComponentStoragePlan;
  /** Resources that must exist first (the bucket and IAM bindings). */
  storageReady?: pulumi.Resource[];
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** Tempo, monolithic: traces on its volume (dev) or in a GCS bucket (prod). */
export class Tempo extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: TempoArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:Tempo", name, {}, opts);
    this.chart = pinnedChart(
      RELEASES.tempo,
      args.config.charts.tempo,
      args.namespace,
      tempoValues(args.config, args.storage),
      {
        parent: this,
        provider: args.provider,
        dependsOn: args.storageReady,
      },
    );
    this.registerOutputs({});
  }
}
