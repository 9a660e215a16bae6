import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { plain, ProgramRun, runProgram } from "../../../harness/engine";

/** Published chart metadata, read from the shared folder beside the repository (never copied into it). */
export const CHARTS_DIR = path.resolve(__dirname, "../../../../shared/charts");

/** True when the chart metadata is available; tests that need it skip with a message otherwise. */
export function chartsAvailable(): boolean {
  return existsSync(CHARTS_DIR);
}

export const CHARTS_MISSING_MESSAGE = `chart metadata not found at ${CHARTS_DIR}; chart version and value tests skipped`;

/** One entry of `<chart>/versions.yaml`. */
export interface PublishedVersion {
  version: string;
  appVersion?: string;
  deprecated?: boolean;
}

/** Every published version of a chart, newest first. */
export function publishedVersions(chart: string): PublishedVersion[] {
  const file = path.join(CHARTS_DIR, chart, "versions.yaml");
  return (parse(readFileSync(file, "utf8")) as { versions: PublishedVersion[] }).versions;
}

/** The chart's own `values.yaml` at a version, or undefined when that version is not stored. */
export function storedValues(chart: string, version: string): Record<string, unknown> | undefined {
  const file = path.join(CHARTS_DIR, chart, version, "values.yaml");
  return existsSync(file) ? (parse(readFileSync(file, "utf8")) as Record<string, unknown>) : undefined;
}

/** The chart's `values.schema.json` at a version, if it ships one. */
export function storedSchema(chart: string, version: string): object | undefined {
  const file = path.join(CHARTS_DIR, chart, version, "values.schema.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as object) : undefined;
}

/** A `helm.v4.Chart` as the program declared it. */
export interface DeclaredChart {
  /** Pulumi resource name (the release name). */
  name: string;
  /** The chart's name, e.g. `loki` (the last segment of an OCI reference or a directory). */
  chart: string;
  version: string;
  /** Values as the program passes them, secrets unwrapped. */
  values: Record<string, unknown>;
}

/** Every `helm.v4.Chart` of a program run, with the values the program really passes. */
export function declaredCharts(run: ProgramRun): DeclaredChart[] {
  return run.resources
    .filter((r) => r.type === "kubernetes:helm.sh/v4:Chart")
    .map((r) => {
      const inputs = plain(r.inputs) as { chart: string; version: string; values?: Record<string, unknown> };
      return {
        name: r.name,
        chart: inputs.chart.split("/").pop()!,
        version: inputs.version,
        values: inputs.values ?? {},
      };
    });
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Value paths the program sets that the chart's `values.yaml` does not have. The walk stops where the
 * chart's default is not a map with keys (`{}`, `[]`, `null`, a scalar): such keys take free-form content.
 * It also stops at `stopAt` paths (subcharts, whose values live elsewhere).
 */
export function unknownValuePaths(
  values: Record<string, unknown>,
  defaults: Record<string, unknown>,
  stopAt: readonly string[] = [],
  prefix = "",
): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (stopAt.includes(at)) continue;
    if (!(key in defaults)) {
      out.push(at);
      continue;
    }
    const def = defaults[key];
    if (isMap(value) && isMap(def) && Object.keys(def).length > 0) {
      out.push(...unknownValuePaths(value, def, stopAt, at));
    }
  }
  return out;
}

/** The names (or aliases) of a chart version's dependencies: their values live in other charts. */
export function subchartKeys(chart: string, version: string): string[] {
  const file = path.join(CHARTS_DIR, chart, version, "Chart.yaml");
  const meta = parse(readFileSync(file, "utf8")) as { dependencies?: { name: string; alias?: string }[] };
  return (meta.dependencies ?? []).map((d) => d.alias ?? d.name);
}

/**
 * The values a chart renders with, merged as Helm does: the program's maps merge into the chart's
 * defaults key by key, anything else (lists included) replaces them, and null removes the key.
 */
export function helmMerge(defaults: unknown, values: unknown): unknown {
  if (!isMap(defaults) || !isMap(values)) return values;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete out[key];
    else out[key] = helmMerge(defaults[key], value);
  }
  return out;
}

/** The value at a dotted path. */
export function at(values: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((v, k) => (isMap(v) ? v[k] : undefined), values);
}

/** The committed stacks, and each with every add-on on (their charts are off by default). */
export const RUNS: { label: string; stack: string; configOverrides?: Record<string, unknown> }[] = [
  { label: "dev", stack: "dev" },
  { label: "prod", stack: "prod" },
  { label: "dev with add-ons", stack: "dev", configOverrides: ADDONS_ON() },
  { label: "prod with add-ons", stack: "prod", configOverrides: ADDONS_ON() },
];

function ADDONS_ON(): Record<string, unknown> {
  return { addons: { argocd: { enabled: true }, keycloak: { enabled: true } } };
}

const runs = new Map<string, Promise<ProgramRun>>();

/** A program run of one of {@link RUNS}, shared by the chart tests. */
export function programRun(label: string): Promise<ProgramRun> {
  if (!runs.has(label)) {
    const spec = RUNS.find((r) => r.label === label)!;
    runs.set(label, runProgram({ stack: spec.stack, configOverrides: spec.configOverrides }));
  }
  return runs.get(label)!;
}
