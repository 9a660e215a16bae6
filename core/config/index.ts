export * from "./schema";
export * from "./load";
export type { Environment, ContainerResources } from "./environment";
export type { ClusterConfig, GkeClusterConfig, K3sClusterConfig, ExistingClusterConfig } from "./cluster";
export type { KafkaConfig, StrimziConfig } from "./kafka";
export type { TeamsConfig, Quotas } from "./teams";
export type { MonitoringConfig } from "./monitoring";
export type { AddonsConfig } from "./addons";
export type { StacksConfig } from "./stacks";
