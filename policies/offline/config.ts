/**
 * Policy pack config as `pulumi preview --policy-pack-config FILE` reads it, resolved the way the
 * engine does (pulumi/pkg/resource/analyzer ReconcilePolicyPackConfig): schema defaults, then the
 * `all` enforcement level, then each policy's entry (level and top-level properties).
 */
import { existsSync, readFileSync } from "fs";
import Ajv, { ValidateFunction } from "ajv";
import { EnforcementLevel, Policies, PolicyConfigSchema, PolicyPackConfig } from "@pulumi/policy";
import { Problem, UserError } from "../../core/errors";
import { didYouMean } from "../../core/validation/suggest";
import { schemaDefaults } from "../lib/config";

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

const ajv = new Ajv({ allErrors: true, strict: false });
/** Compiled config validators by schema text (compiling costs far more than validating). */
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: PolicyConfigSchema | undefined): ValidateFunction {
  const key = JSON.stringify(schema ?? {});
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ type: "object", ...schema });
    validators.set(key, validate);
  }
  return validate;
}

/** One policy's resolved settings. */
export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  /** Config properties, schema defaults filled in (what `args.getConfig()` returns). */
  properties: Record<string, unknown>;
}

/** Reads a policy pack config file; a located UserError when it is not a JSON object. */
export function readPackConfig(file: string, displayName = file): PolicyPackConfig {
  if (!existsSync(file)) {
    throw new UserError([{ file: displayName, path: "", message: "no such policy pack config file" }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError([
      { file: displayName, path: "", message: `not readable JSON: ${(e as Error).message}` },
    ]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserError([
      { file: displayName, path: "", message: "must be a JSON object of policy name → config" },
    ]);
  }
  return parsed as PolicyPackConfig;
}

/**
 * Every policy's enforcement level and properties for `config`, or a UserError listing unknown
 * policies, unknown levels and properties that do not match the policy's schema.
 */
export function resolvePackConfig(
  policies: Policies,
  config: PolicyPackConfig,
  options: { packEnforcementLevel?: EnforcementLevel; file?: string } = {},
): Map<string, ResolvedPolicyConfig> {
  const file = options.file ?? "policy pack config";
  const problems: Problem[] = [];
  const names = policies.map((p) => p.name);
  const levelOf = (value: unknown, path: string): EnforcementLevel | undefined => {
    if (value === undefined) return undefined;
    if (LEVELS.includes(value as EnforcementLevel)) return value as EnforcementLevel;
    problems.push({ file, path, message: `"${value}" is not an enforcement level (${LEVELS.join(", ")})` });
    return undefined;
  };
  for (const key of Object.keys(config)) {
    if (key !== "all" && !names.includes(key)) {
      problems.push({ file, path: key, message: `no policy of this name${didYouMean(key, names)}` });
    }
  }
  const all = config.all;
  const allLevel = levelOf(typeof all === "string" ? all : all?.enforcementLevel, "all");

  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    const given = config[policy.name];
    const { enforcementLevel, ...properties } =
      typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
    const level =
      levelOf(enforcementLevel, `${policy.name}.enforcementLevel`) ??
      allLevel ??
      policy.enforcementLevel ??
      options.packEnforcementLevel ??
      "advisory";
    const merged = { ...schemaDefaults(policy.configSchema), ...properties };
    const validate = validatorFor(policy.configSchema);
    if (!validate(merged)) {
      for (const error of validate.errors ?? []) {
        const at = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
        problems.push({
          file,
          path: `${policy.name}${at ? `.${at}` : ""}`,
          message: error.message ?? "invalid",
        });
      }
    }
    resolved.set(policy.name, { enforcementLevel: level, properties: merged });
  }
  if (problems.length > 0) throw new UserError(problems);
  return resolved;
}
