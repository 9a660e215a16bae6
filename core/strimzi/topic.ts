/**
 * The KafkaTopic of a team topic (Strimzi v1), as plain data. Everything the policy pack reads is
 * in labels and annotations (core/labels.ts).
 */
import { Environment, TeamsConfig } from "../config";
import {
  CLASSIFICATION_ANNOTATION,
  DELETION_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  ENVIRONMENT_LABEL,
  GRANTS_ANNOTATION,
  PREFIX_ANNOTATION,
  SOURCE_ANNOTATION,
  STRIMZI_CLUSTER_LABEL,
  TEAM_LABEL,
  WAIVERS_ANNOTATION,
} from "../labels";
import { durationToMs } from "../teams/duration";
import { sourceAnnotation, Team, TeamTopic } from "../teams/model";
import { STRIMZI_API_VERSION, StrimziObject } from "./kafka-object";
import { topicResourceName } from "./names";

/** Where team objects go and the environment's defaults. */
export interface TeamObjectContext {
  environment: Environment;
  /** The Kafka cluster (`strimzi.io/cluster`). */
  clusterName: string;
  /** The Kafka namespace: the only one the topic and user operators watch. */
  namespace: string;
  teams: TeamsConfig;
}

/** Labels every team object carries. */
export function teamLabels(team: Team, ctx: TeamObjectContext): Record<string, string> {
  return {
    [STRIMZI_CLUSTER_LABEL]: ctx.clusterName,
    [TEAM_LABEL]: team.name,
    [ENVIRONMENT_LABEL]: ctx.environment,
  };
}

/**
 * The team's name prefix, only where it differs from the team name (the team format's default,
 * which readers fall back to): every annotation is paid for on each of thousands of objects.
 */
export function prefixAnnotation(team: Team): Record<string, string> {
  return team.prefix !== team.name ? { [PREFIX_ANNOTATION]: team.prefix } : {};
}

/** Topic configs: the team file's fields and `config`, over the environment's defaults. */
export function topicConfig(
  topic: TeamTopic,
  ctx: TeamObjectContext,
): Record<string, string | number | boolean> {
  const defaults = ctx.teams.topicDefaults;
  const replicas = topic.replicas ?? defaults.replicas;
  const retention = topic.retentionMs ?? durationToMs(defaults.retention);
  return {
    "cleanup.policy": topic.cleanupPolicy,
    "retention.ms": retention === "infinite" ? -1 : retention,
    ...(topic.retentionBytes !== undefined ? { "retention.bytes": topic.retentionBytes } : {}),
    // The default never exceeds the topic's replicas: a topic that no write could reach is no default.
    "min.insync.replicas": Math.min(defaults.minInsyncReplicas, replicas),
    ...topic.config,
  };
}

export function kafkaTopicObject(team: Team, topic: TeamTopic, ctx: TeamObjectContext): StrimziObject {
  const name = topicResourceName(topic.name);
  return {
    apiVersion: STRIMZI_API_VERSION,
    kind: "KafkaTopic",
    metadata: {
      name,
      namespace: ctx.namespace,
      labels: teamLabels(team, ctx),
      annotations: {
        ...prefixAnnotation(team),
        // Absent means the safe default (`protect`, no grants): readers must default the same way.
        ...(topic.deletion !== "protect" ? { [DELETION_ANNOTATION]: topic.deletion } : {}),
        ...(topic.grants.length > 0 ? { [GRANTS_ANNOTATION]: JSON.stringify(topic.grants) } : {}),
        [SOURCE_ANNOTATION]: sourceAnnotation(topic.source),
        ...(topic.waivers.length > 0 ? { [WAIVERS_ANNOTATION]: JSON.stringify(topic.waivers) } : {}),
        ...(topic.classification !== undefined ? { [CLASSIFICATION_ANNOTATION]: topic.classification } : {}),
        ...(topic.description !== undefined ? { [DESCRIPTION_ANNOTATION]: topic.description } : {}),
      },
    },
    spec: {
      ...(name !== topic.name ? { topicName: topic.name } : {}),
      partitions: topic.partitions ?? ctx.teams.topicDefaults.partitions,
      replicas: topic.replicas ?? ctx.teams.topicDefaults.replicas,
      config: topicConfig(topic, ctx),
    },
  };
}
