import type { StrimziConfig } from "../config";

/**
 * The Strimzi cluster operator's Helm chart values and its CRD manifest. Helm never upgrades CRDs, so
 * the chart is installed with its CRDs skipped and the program applies the release's CRD manifest
 * itself, before the chart (see docs/kafka-cluster.md, "Upgrading Strimzi").
 */

/** The CRD manifest of a Strimzi release (all CRDs of that version, in one file). */
export function strimziCrdsUrl(strimzi: StrimziConfig): string {
  return (
    strimzi.crdsUrl ??
    `https://github.com/strimzi/strimzi-kafka-operator/releases/download/${strimzi.version}/strimzi-crds-${strimzi.version}.yaml`
  );
}

/** Values of the `strimzi-kafka-operator` chart: watch only the Kafka namespace. */
export function operatorChartValues(strimzi: StrimziConfig, watchNamespace: string): Record<string, unknown> {
  return {
    replicas: strimzi.replicas,
    watchNamespaces: [watchNamespace],
    watchAnyNamespace: false,
    resources: strimzi.resources,
    // Strimzi writes the brokers' NetworkPolicy from the listeners' networkPolicyPeers.
    generateNetworkPolicy: true,
    // Strimzi's own Grafana dashboards as ConfigMaps labelled `grafana_dashboard`, in the operator's
    // namespace (which exists before the chart); Grafana's sidecar loads them from all namespaces.
    dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "true" },
    ...(strimzi.replicas > 1 ? { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } } : {}),
  };
}
