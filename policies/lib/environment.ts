import { ENVIRONMENT_LABEL } from "../../core/labels";
import { labelOf, StrimziObject } from "./strimzi";

/** The platform environments policies know bounds for. */
export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Stack tag naming the environment (`pulumi stack tag set kafka-platform:environment prod`). */
export const ENVIRONMENT_TAG = "kafka-platform:environment";

/** A per-environment setting in a policy config, e.g. `{dev: 1, prod: 3}`. */
export type PerEnvironment<T> = Record<Environment, T>;

function asEnvironment(value: string | undefined): Environment | undefined {
  return (ENVIRONMENTS as readonly string[]).includes(value ?? "") ? (value as Environment) : undefined;
}

/** The environment label of an object, if it has a known one. */
export function labelledEnvironment(obj: StrimziObject): Environment | undefined {
  return asEnvironment(labelOf(obj, ENVIRONMENT_LABEL));
}

/**
 * The environment an object is checked for: its `kafka-platform.io/environment` label, else the
 * stack's `kafka-platform:environment` tag, else `fallback` (stack policies pass the environment
 * the stack's labelled objects declare), else `prod` (unknown means the strictest bounds).
 */
export function environmentOf(
  obj: StrimziObject | undefined,
  stackTags: ReadonlyMap<string, string>,
  fallback?: Environment,
): Environment {
  return (
    (obj && labelledEnvironment(obj)) ?? asEnvironment(stackTags.get(ENVIRONMENT_TAG)) ?? fallback ?? "prod"
  );
}
