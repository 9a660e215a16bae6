/**
 * The Kubernetes provider every cluster mode creates, as settings a team stack can rebuild from the
 * platform stack's outputs: the same inputs give the same provider, so resources moved between
 * stacks keep it (no diff, no replacement; docs/stacks.md).
 */
export interface ClusterProviderSettings {
  /** The provider's Pulumi name (`<cluster>-k8s`). */
  name: string;
  /** The kubeconfig context, where the cluster mode names one. */
  context?: string;
  /** Keeps resources when the kubeconfig's credentials change (pulumi-kubernetes `clusterIdentifier`). */
  clusterIdentifier: string;
}

/** The provider's inputs besides the kubeconfig: one definition for the platform and team stacks. */
export function clusterProviderInputs<T>(kubeconfig: T, settings: ClusterProviderSettings) {
  return {
    kubeconfig,
    context: settings.context,
    clusterIdentifier: settings.clusterIdentifier,
    enableServerSideApply: true,
  };
}
