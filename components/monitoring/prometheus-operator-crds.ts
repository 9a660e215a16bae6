import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartSource } from "../../core/config/chart-source";
import { RELEASES } from "../../core/monitoring/endpoints";
import { pinnedChart } from "./pinned-chart";

export interface PrometheusOperatorCrdsArgs {
  /** The pinned prometheus-operator-crds chart. */
  chart: ChartSource;
  /** Namespace the (cluster-scoped) CRDs are released in. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** The Prometheus Operator CRDs, so that PodMonitor and PrometheusRule objects exist (no operator runs). */
export class PrometheusOperatorCrds extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: PrometheusOperatorCrdsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:PrometheusOperatorCrds", name, {}, opts);
    this.chart = pinnedChart(
      RELEASES.prometheusOperatorCrds,
      args.chart,
      args.namespace,
      {},
      {
        parent: this,
        provider: args.provider,
      },
    );
    this.registerOutputs({});
  }
}
