import { z } from "zod";
import { AddonsConfig, addonsDefaults } from "./addons";
import { ClusterConfig, clusterDefaults } from "./cluster";
import { Environment } from "./environment";
import { KafkaConfig, kafkaDefaults, StrimziConfig, strimziDefaults } from "./kafka";
import { MonitoringConfig, monitoringDefaults } from "./monitoring";
import { StacksConfig, stacksDefaults } from "./stacks";
import { TeamsConfig, teamsDefaults } from "./teams";

/** The Pulumi config namespace of every key (`kafka-platform:<key>`). */
export const CONFIG_NAMESPACE = "kafka-platform";

/**
 * Every `kafka-platform:*` stack config key: its schema, and its defaults per environment
 * (merged beneath the stack's own value before validation).
 */
export const CONFIG_KEYS = {
  environment: { schema: Environment, defaults: undefined },
  cluster: { schema: ClusterConfig, defaults: clusterDefaults },
  strimzi: { schema: StrimziConfig, defaults: strimziDefaults },
  kafka: { schema: KafkaConfig, defaults: kafkaDefaults },
  teams: { schema: TeamsConfig, defaults: teamsDefaults },
  monitoring: { schema: MonitoringConfig, defaults: monitoringDefaults },
  addons: { schema: AddonsConfig, defaults: addonsDefaults },
  stacks: { schema: StacksConfig, defaults: stacksDefaults },
} as const;

export const PlatformConfig = z.strictObject({
  environment: Environment,
  cluster: ClusterConfig,
  strimzi: StrimziConfig,
  kafka: KafkaConfig,
  teams: TeamsConfig,
  monitoring: MonitoringConfig,
  addons: AddonsConfig,
  stacks: StacksConfig,
});
/** The validated configuration of one stack. */
export type PlatformConfig = z.infer<typeof PlatformConfig>;
