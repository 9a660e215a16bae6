import { z } from "zod";

/**
 * Where a Helm chart comes from (docs/chart-sources.md): an HTTPS Helm repository, an OCI registry or
 * a local chart directory, always at one exact version. Air-gapped sites point every chart at their
 * own mirror without touching the program.
 */

/** An exact chart version: no ranges, so that renders are reproducible. */
export const ExactVersion = z
  .string()
  .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, "an exact chart version such as 1.2.3")
  .describe("Exact chart version (no ranges: renders must be reproducible).");

const REPOSITORY = /^(https:\/\/|oci:\/\/)[^\s]+$/;

const sourceFields = {
  repo: z
    .string()
    .regex(REPOSITORY, "an https:// Helm repository or an oci:// registry path")
    .optional()
    .describe(
      "Helm repository (https://…) or OCI registry path (oci://host/path; the chart is pulled as oci://host/path/<chart>).",
    ),
  chart: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "a chart name such as loki")
    .optional()
    .describe("Chart name in the repository or registry."),
  path: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Local chart directory (relative to the project root) instead of repo/chart; its Chart.yaml version must equal `version`.",
    ),
};

/** Exactly one of repo+chart or path. */
function checkOneSource(
  source: { repo?: string; chart?: string; path?: string },
  ctx: z.core.$RefinementCtx,
): void {
  if (source.path !== undefined) {
    for (const key of ["repo", "chart"] as const) {
      if (source[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "not allowed with path: a local chart directory is the whole source; remove one of them",
        });
      }
    }
    return;
  }
  for (const key of ["repo", "chart"] as const) {
    if (source[key] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is required (or set path to a local chart directory instead of repo and chart)`,
      });
    }
  }
}

/** A Helm chart at one exact version, from a repository, an OCI registry or a local directory. */
export const ChartSource = z
  .strictObject({ ...sourceFields, version: ExactVersion })
  .superRefine(checkOneSource);
export type ChartSource = z.infer<typeof ChartSource>;

/**
 * The Strimzi operator chart: the same sources, with `version` optional (it is `strimzi.version`,
 * since the chart and the CRDs move together), or today's plain `oci://host/path/<chart>` string.
 */
export const StrimziChartSource = z.union([
  z
    .string()
    .regex(
      /^oci:\/\/[^\s/]+\/[^\s]*[^\s/]$/,
      "an OCI chart reference such as oci://quay.io/strimzi-helm/strimzi-kafka-operator",
    )
    .describe("OCI reference of the strimzi-kafka-operator chart (the version is strimzi.version)."),
  z
    .strictObject({ ...sourceFields, version: ExactVersion.optional() })
    .superRefine(checkOneSource)
    .describe("The strimzi-kafka-operator chart's source; its version, if set, must equal strimzi.version."),
]);
export type StrimziChartSource = z.infer<typeof StrimziChartSource>;

/** True for a chart source that is a local directory. */
export function isLocalChart(source: { path?: string }): source is { path: string } {
  return source.path !== undefined;
}

/** What `helm.v4.Chart` needs to find a chart: its reference, version and repository. */
export interface HelmChartReference {
  /** Chart name (with repositoryOpts), `oci://…/<chart>` or an absolute local directory. */
  chart: string;
  version: string;
  repositoryOpts?: { repo: string };
}

/**
 * The `helm.v4.Chart` arguments of a source. A local path is passed as it is: the program makes
 * every configured path absolute first (core/config/local-sources.ts).
 */
export function helmChartReference(source: ChartSource): HelmChartReference {
  if (source.path !== undefined) return { chart: source.path, version: source.version };
  const repo = source.repo!;
  if (repo.startsWith("oci://")) {
    return { chart: `${repo.replace(/\/+$/, "")}/${source.chart!}`, version: source.version };
  }
  return { chart: source.chart!, version: source.version, repositoryOpts: { repo } };
}

/** The Strimzi chart's source in the object form, at the Strimzi release's version. */
export function strimziChartSource(chart: StrimziChartSource, version: string): ChartSource {
  if (typeof chart !== "string") return { ...chart, version };
  const slash = chart.lastIndexOf("/");
  return { repo: chart.slice(0, slash), chart: chart.slice(slash + 1), version };
}

/**
 * Merging a stack's chart source over the default: a local directory replaces the default
 * repository as a whole (its repo and chart would contradict it); anything else merges field by
 * field, so `{ repo: oci://mirror/charts }` keeps the default chart name and version.
 */
export function replacesChartSource(base: unknown, over: unknown): boolean {
  const isMap = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  return isMap(over) && "path" in over && isMap(base) && "repo" in base && "chart" in base;
}
