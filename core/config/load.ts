import { Problem, UserError } from "../errors";
import { didYouMean } from "../validation/suggest";
import { PathSegment, YamlSource, locate } from "../validation/yaml-source";
import { describeValue, zodIssuesToProblems } from "../validation/zod-problems";
import { replacesChartSource } from "./chart-source";
import { Environment } from "./environment";
import { CONFIG_KEYS, CONFIG_NAMESPACE, PlatformConfig } from "./schema";

/** Where the raw config came from, for located messages. */
export interface ConfigSource {
  /** File shown in messages, e.g. `Pulumi.dev.yaml`. */
  file: string;
  /** The parsed stack file, when available, to report line numbers. */
  yaml?: YamlSource;
}

/**
 * Validates a stack's raw config (`kafka-platform:<key>` → string, as Pulumi stores it; structured
 * values are JSON) and fills in the per-environment defaults. Throws a UserError naming every bad key.
 */
export function loadPlatformConfig(raw: Record<string, string>, source: ConfigSource): PlatformConfig {
  const problems: Problem[] = [];
  const at = (key: string, path: readonly PathSegment[] = [], opts?: { key?: boolean }) =>
    source.yaml ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:${key}`, ...path], opts) : undefined;
  const known = Object.keys(CONFIG_KEYS);
  const values: Record<string, unknown> = {};

  for (const [fullKey, text] of Object.entries(raw)) {
    if (!fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) continue; // other providers' keys (gcp:project, …)
    const key = fullKey.slice(CONFIG_NAMESPACE.length + 1);
    if (!(key in CONFIG_KEYS)) {
      problems.push({
        file: source.file,
        ...at(key, [], { key: true }),
        path: fullKey,
        message: `unknown config key${didYouMean(key, known)}; allowed: ${known.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")}`,
      });
      continue;
    }
    values[key] = parseConfigValue(text);
  }

  const env = Environment.safeParse(values.environment);
  if (!env.success) {
    problems.push({
      file: source.file,
      ...at("environment"),
      path: `${CONFIG_NAMESPACE}:environment`,
      message: `${values.environment === undefined ? "is required" : `${describeValue(values.environment)} is not allowed`}; expected one of "dev", "prod"`,
    });
    throw new UserError(problems, `Invalid stack configuration in ${source.file}:`);
  }

  const config: Record<string, unknown> = { environment: env.data };
  for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
    if (key === "environment") continue;
    const own = values[key];
    const defaults = spec.defaults?.(env.data, (own as { mode?: unknown } | undefined)?.mode);
    const merged = deepMerge(defaults, own);
    const result = spec.schema.safeParse(merged);
    if (result.success) {
      config[key] = result.data;
    } else {
      problems.push(
        ...zodIssuesToProblems(result.error.issues, {
          file: source.file,
          pathPrefix: `${CONFIG_NAMESPACE}:${key}`,
          sourcePath: ["config", `${CONFIG_NAMESPACE}:${key}`],
          locate: source.yaml ? (path, opts) => locate(source.yaml!, path, opts) : undefined,
          schema: spec.schema,
          value: merged,
        }),
      );
    }
  }
  if (problems.length === 0) problems.push(...crossFieldProblems(config as PlatformConfig, source, at));
  if (problems.length > 0) throw new UserError(problems, `Invalid stack configuration in ${source.file}:`);
  return config as PlatformConfig;
}

/** Rules that span several fields. */
function crossFieldProblems(
  config: PlatformConfig,
  source: ConfigSource,
  at: (key: string, path?: readonly PathSegment[]) => { line: number; col: number } | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const { replication } = config.kafka;
  if (replication.minInsyncReplicas > replication.defaultReplicationFactor) {
    problems.push({
      file: source.file,
      ...at("kafka", ["replication", "minInsyncReplicas"]),
      path: `${CONFIG_NAMESPACE}:kafka.replication.minInsyncReplicas`,
      message: `${replication.minInsyncReplicas} exceeds defaultReplicationFactor ${replication.defaultReplicationFactor}; no write could ever succeed`,
    });
  }
  if (replication.defaultReplicationFactor > config.kafka.brokers.replicas) {
    problems.push({
      file: source.file,
      ...at("kafka", ["replication", "defaultReplicationFactor"]),
      path: `${CONFIG_NAMESPACE}:kafka.replication.defaultReplicationFactor`,
      message: `${replication.defaultReplicationFactor} exceeds the ${config.kafka.brokers.replicas} broker(s) of kafka.brokers.replicas`,
    });
  }
  return problems;
}

/** Pulumi stores structured config as JSON text and plain values as strings. */
export function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Merges `over` onto `base`: maps recursively, everything else (lists included) replaced; a local
 * chart directory replaces a default chart repository as a whole (replacesChartSource).
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over) && !replacesChartSource(base, over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
    return out;
  }
  return over;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
