import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES, StackEndpoints } from "../../core/monitoring/endpoints";
import { alloyValues } from "../../core/monitoring/values/alloy";
import { pinnedChart } from "./pinned-chart";

export interface AlloyArgs {
  /** The monitoring configuration (chart, replicas, resources). */
  config: MonitoringConfig;
  /** Where Alloy sends metrics, rules, logs and traces. */
  endpoints: StackEndpoints;
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
  /** Resources Alloy needs first (the Prometheus Operator CRDs it watches). */
  dependsOn?: pulumi.Resource[];
}

/** Grafana Alloy: scrapes Strimzi, kubelet and kube-state-metrics, loads alert rules, ships logs and traces. */
export class Alloy extends pulumi.ComponentResource {
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: AlloyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:Alloy", name, {}, opts);
    this.chart = pinnedChart(
      RELEASES.alloy,
      args.config.charts.alloy,
      args.namespace,
      alloyValues(args.config, args.endpoints),
      {
        parent: this,
        provider: args.provider,
        dependsOn: args.dependsOn,
      },
    );
    this.registerOutputs({});
  }
}
