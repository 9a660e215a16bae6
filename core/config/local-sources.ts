import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Problem } from "../errors";
import { PathSegment, locate } from "../validation/yaml-source";
import { ChartSource, strimziChartSource } from "./chart-source";
import type { ConfigSource } from "./load";
import { CONFIG_NAMESPACE, PlatformConfig } from "./schema";

/** One chart the configuration names, with where it is set in the stack file. */
export interface ConfiguredChart {
  /** The `kafka-platform:*` key holding it, e.g. `monitoring`. */
  key: "monitoring" | "addons" | "strimzi";
  /** Path below that key, e.g. `["charts", "loki"]`. */
  path: PathSegment[];
  /** The source, in the object form (the Strimzi chart at `strimzi.version`). */
  source: ChartSource;
}

/** Every chart the configuration names: the monitoring charts, the add-ons' and Strimzi's. */
export function configuredCharts(config: PlatformConfig): ConfiguredChart[] {
  return [
    ...Object.entries(config.monitoring.charts).map(([name, source]) => ({
      key: "monitoring" as const,
      path: ["charts", name],
      source,
    })),
    ...(["argocd", "keycloak"] as const).map((addon) => ({
      key: "addons" as const,
      path: [addon, "chart"],
      source: config.addons[addon].chart,
    })),
    {
      key: "strimzi",
      path: ["chart"],
      source: strimziChartSource(config.strimzi.chart, config.strimzi.version),
    },
  ];
}

/**
 * Problems of the local sources (chart directories, CRD files): each must exist, and a chart
 * directory's Chart.yaml must carry the configured version, so that a mirror cannot silently differ.
 */
export function localSourceProblems(
  config: PlatformConfig,
  projectRoot: string,
  source: ConfigSource,
): Problem[] {
  const problems: Problem[] = [];
  const problem = (key: string, at: PathSegment[], message: string) => {
    const pos = source.yaml
      ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:${key}`, ...at])
      : undefined;
    problems.push({
      file: source.file,
      ...pos,
      path: `${CONFIG_NAMESPACE}:${[key, ...at].join(".")}`,
      message,
    });
  };
  for (const chart of configuredCharts(config)) {
    if (chart.source.path === undefined) continue;
    const message = chartDirectoryProblem(path.resolve(projectRoot, chart.source.path), chart.source.version);
    if (message) problem(chart.key, [...chart.path, "path"], message);
  }
  const crdsPath = config.strimzi.crds?.path ?? config.strimzi.crdsUrl;
  if (crdsPath !== undefined) {
    const at = config.strimzi.crds?.path !== undefined ? ["crds", "path"] : ["crdsUrl"];
    const message = crdFilesProblem(path.resolve(projectRoot, crdsPath));
    if (message) problem("strimzi", at, message);
  }
  return problems;
}

function chartDirectoryProblem(dir: string, version: string): string | undefined {
  const chartYaml = path.join(dir, "Chart.yaml");
  if (!existsSync(chartYaml))
    return `no Chart.yaml in ${JSON.stringify(path.basename(dir))}: not a chart directory`;
  let declared: unknown;
  try {
    declared = (parse(readFileSync(chartYaml, "utf8")) as { version?: unknown } | null)?.version;
  } catch {
    return "its Chart.yaml is not valid YAML";
  }
  if (String(declared) !== version) {
    return `its Chart.yaml has version ${JSON.stringify(declared ?? null)}, but version is ${JSON.stringify(version)}; mirror the published chart of that version (helm pull) or change version`;
  }
  return undefined;
}

/** The CRD YAML files of a directory, sorted (the order they are applied in). */
export function crdFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function crdFilesProblem(file: string): string | undefined {
  if (!existsSync(file)) return "no such file or directory";
  if (statSync(file).isDirectory() && crdFilesIn(file).length === 0)
    return "the directory holds no .yaml files";
  return undefined;
}

/** The configuration with every local chart directory and CRD path made absolute against the project root. */
export function withAbsolutePaths(config: PlatformConfig, projectRoot: string): PlatformConfig {
  const abs = <T extends { path?: string }>(s: T): T =>
    s.path === undefined ? s : { ...s, path: path.resolve(projectRoot, s.path) };
  const { strimzi, monitoring, addons } = config;
  return {
    ...config,
    strimzi: {
      ...strimzi,
      chart: typeof strimzi.chart === "string" ? strimzi.chart : abs(strimzi.chart),
      crds: strimzi.crds && abs(strimzi.crds),
      crdsUrl: strimzi.crdsUrl && path.resolve(projectRoot, strimzi.crdsUrl),
    },
    monitoring: {
      ...monitoring,
      charts: Object.fromEntries(
        Object.entries(monitoring.charts).map(([k, v]) => [k, abs(v)]),
      ) as typeof monitoring.charts,
    },
    addons: {
      argocd: { ...addons.argocd, chart: abs(addons.argocd.chart) },
      keycloak: { ...addons.keycloak, chart: abs(addons.keycloak.chart) },
    },
  };
}
