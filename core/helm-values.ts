import type { ContainerResources } from "./config";

/**
 * Container resources as Helm values that replace the chart's defaults instead of merging with
 * them: Helm merges maps key by key, so a chart default such as `limits.cpu: 1000m` would survive
 * beside the program's limits. Every CPU/memory request or limit the configuration leaves out is
 * set to null, which Helm removes.
 */
export function exactResources(resources: ContainerResources): Record<string, Record<string, string | null>> {
  const exact = (q: { cpu?: string; memory?: string } | undefined) => ({
    cpu: q?.cpu ?? null,
    memory: q?.memory ?? null,
  });
  return { requests: exact(resources.requests), limits: exact(resources.limits) };
}
