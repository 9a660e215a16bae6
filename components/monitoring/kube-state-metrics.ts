import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES } from "../../core/monitoring/endpoints";
import { kubeStateMetricsValues } from "../../core/monitoring/values/kube-state-metrics";
import { pinnedChart } from "./pinned-chart";

export interface KubeStateMetricsArgs {
  /** The monitoring configuration (chart, sizes). */
  config: MonitoringConfig;
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** kube-state-metrics: container readiness and KafkaTopic/KafkaUser readiness as metrics. */
export class KubeStateMetrics extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: KubeStateMetricsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:KubeStateMetrics", name, {}, opts);
    this.chart = pinnedChart(
      RELEASES.kubeStateMetrics,
      args.config.charts.kubeStateMetrics,
      args.namespace,
      kubeStateMetricsValues(args.config),
      { parent: this, provider: args.provider },
    );
    this.registerOutputs({});
  }
}
