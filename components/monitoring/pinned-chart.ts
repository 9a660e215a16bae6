import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartSource, helmChartReference } from "../../core/config/chart-source";

/**
 * A `helm.v4.Chart` from its configured source (repository, OCI registry or local directory) at
 * the pinned version, rendered by Pulumi (no Helm release, no hooks) so that policies see every
 * object it contains. The source does not enter the resource name: changing it renames nothing.
 */
export function pinnedChart(
  name: string,
  chart: ChartSource,
  namespace: pulumi.Input<string>,
  values: Record<string, unknown>,
  opts: pulumi.ComponentResourceOptions & { provider: k8s.Provider },
): k8s.helm.v4.Chart {
  return new k8s.helm.v4.Chart(name, { name, ...helmChartReference(chart), namespace, values }, opts);
}
