import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { DEFAULT_ADMIN_USER } from "../../core/strimzi/names";
import { ENVIRONMENTS, Environment, PerEnvironment } from "./environment";

/** A config property holding one value per environment, e.g. `{dev: 1, prod: 3}`. */
export function perEnvironment(
  type: "integer" | "boolean",
  defaults: PerEnvironment<number> | PerEnvironment<boolean>,
  description: string,
): PolicyConfigJSONSchema {
  return {
    type: "object",
    description,
    properties: Object.fromEntries(ENVIRONMENTS.map((env) => [env, { type }])),
    additionalProperties: false,
    default: defaults,
  };
}

/** The environments in which a rule applies (an array config property). */
export function environments(defaults: Environment[], description: string): PolicyConfigJSONSchema {
  return {
    type: "array",
    description,
    items: { type: "string", enum: [...ENVIRONMENTS] },
    uniqueItems: true,
    default: defaults,
  };
}

/** The `default` of every property of a schema. */
export function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (property.default !== undefined) defaults[key] = property.default;
  }
  return defaults;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? deepMerge(base[key], value) : value;
  }
  return merged;
}

/**
 * The policy's effective config: the given config merged over the schema defaults. The engine
 * fills top-level defaults only, so a partial per-environment object (`{prod: 5}`) keeps the
 * defaults of the other environments here.
 */
export function configOf<C>(schema: PolicyConfigSchema, given: object): C {
  return deepMerge(schemaDefaults(schema), given as Record<string, unknown>) as C;
}

/**
 * Platform super users (Kafka `superUsers`): ACLs do not apply to them, so user rules skip them.
 * The default is the program's default admin user; a stack that renames it sets this in its pack config.
 */
export const DEFAULT_SUPER_USERS = [DEFAULT_ADMIN_USER];

/** The `superUsers` config property shared by the user and cluster policies. */
export function superUsers(description: string): PolicyConfigJSONSchema {
  return {
    type: "array",
    items: { type: "string" },
    uniqueItems: true,
    default: DEFAULT_SUPER_USERS,
    description,
  };
}
