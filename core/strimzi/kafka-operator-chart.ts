import type { StrimziConfig } from "../config";
import { STRIMZI_CRDS_SHA256 } from "../config/kafka";
import { exactResources } from "../helm-values";

/**
 * The Strimzi cluster operator's Helm chart values and its CRD manifest. Helm never upgrades CRDs, so
 * the chart is installed with its CRDs skipped and the program applies the release's CRD manifest
 * itself, before the chart (see docs/kafka-cluster.md, "Upgrading Strimzi").
 */

/** Where the CRDs of a Strimzi release come from: a URL pinned by sha256, or local YAML files. */
export type CrdSource = { url: string; sha256: string } | { path: string };

/** The release asset with every CRD of a Strimzi version (one file). */
export function strimziReleaseCrdsUrl(version: string): string {
  return `https://github.com/strimzi/strimzi-kafka-operator/releases/download/${version}/strimzi-crds-${version}.yaml`;
}

/**
 * The CRD source of the configuration: `crds`, the legacy local `crdsUrl`, or the release asset
 * pinned by the program's own digest (validation guarantees one of them exists).
 */
export function strimziCrdsSource(strimzi: StrimziConfig): CrdSource {
  const { crds, crdsUrl, version } = strimzi;
  if (crds?.path !== undefined) return { path: crds.path };
  if (crds?.url !== undefined && crds.sha256 !== undefined) return { url: crds.url, sha256: crds.sha256 };
  if (crdsUrl !== undefined) return { path: crdsUrl };
  const sha256 = STRIMZI_CRDS_SHA256[version];
  if (!sha256) throw new Error(`no sha256 pinned for the CRDs of Strimzi ${version}`); // excluded by validation
  return { url: strimziReleaseCrdsUrl(version), sha256 };
}

/** Values of the `strimzi-kafka-operator` chart: watch only the Kafka namespace. */
export function operatorChartValues(strimzi: StrimziConfig, watchNamespace: string): Record<string, unknown> {
  return {
    replicas: strimzi.replicas,
    watchNamespaces: [watchNamespace],
    watchAnyNamespace: false,
    resources: exactResources(strimzi.resources),
    // Strimzi writes the brokers' NetworkPolicy from the listeners' networkPolicyPeers.
    generateNetworkPolicy: true,
    // Strimzi's own Grafana dashboards as ConfigMaps labelled `grafana_dashboard`, in the operator's
    // namespace (which exists before the chart); Grafana's sidecar loads them from all namespaces.
    dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "true" },
    // The chart defaults to minAvailable: 1; a PDB with both fields is rejected, so it is removed (null).
    ...(strimzi.replicas > 1
      ? { podDisruptionBudget: { enabled: true, minAvailable: null, maxUnavailable: 1 } }
      : {}),
  };
}
