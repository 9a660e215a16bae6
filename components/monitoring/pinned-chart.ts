import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PinnedChart } from "../../core/config/monitoring";

/**
 * A `helm.v4.Chart` at the pinned version from config, rendered by Pulumi (no Helm release, no hooks)
 * so that policies see every object it contains.
 */
export function pinnedChart(
  name: string,
  chart: PinnedChart,
  namespace: pulumi.Input<string>,
  values: Record<string, unknown>,
  opts: pulumi.ComponentResourceOptions & { provider: k8s.Provider },
): k8s.helm.v4.Chart {
  return new k8s.helm.v4.Chart(
    name,
    {
      name,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      namespace,
      values,
    },
    opts,
  );
}
