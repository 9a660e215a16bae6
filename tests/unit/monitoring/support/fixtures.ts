import { readFileSync } from "fs";
import * as path from "path";
import { loadPlatformConfig, PlatformConfig } from "../../../../core/config";
import { kafkaTargetFromConfig, KafkaTarget, TeamTarget } from "../../../../core/monitoring/targets";
import { parseYamlSource } from "../../../../core/validation/yaml-source";
import { PROJECT_ROOT, readStackConfig } from "../../../../harness/engine";

/** The validated configuration of a committed stack file. */
export function stackConfig(stack: "dev" | "prod"): PlatformConfig {
  const file = `Pulumi.${stack}.yaml`;
  const { config } = readStackConfig(PROJECT_ROOT, stack);
  return loadPlatformConfig(config, {
    file,
    yaml: parseYamlSource(file, readFileSync(path.join(PROJECT_ROOT, file), "utf8")),
  });
}

export function kafkaTarget(stack: "dev" | "prod"): KafkaTarget {
  return kafkaTargetFromConfig(stackConfig(stack));
}

export const PAYMENTS: TeamTarget = {
  team: "payments",
  prefix: "payments",
  topics: ["shared.currency-rates"],
  consumerGroups: [],
  maxLagMessages: 5000,
};

export const SEARCH: TeamTarget = {
  team: "search",
  prefix: "search",
  topics: [],
  consumerGroups: ["legacy-indexer"],
};
