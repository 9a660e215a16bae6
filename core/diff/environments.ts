/** The facts of an environment that classify changes, from a stack's validated configuration. */
import { PlatformConfig } from "../config/schema";
import { EnvironmentFacts } from "./model";

/** The environments a diff compares, in report order. */
export const DIFF_STACKS = ["dev", "prod"] as const;

export function environmentFacts(stack: string, config: PlatformConfig): EnvironmentFacts {
  return {
    name: stack,
    teams: config.teams,
    cruiseControl: config.kafka.cruiseControl.enabled,
    brokers: config.kafka.brokers.replicas,
  };
}
