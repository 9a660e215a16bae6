/**
 * The catalog's view of the validated organisation: every topic with its owner, metadata, effective
 * partitions and retention per environment, producers and consumers (across teams, through
 * grants); every team with its applications' ACL intents and alert threshold. Pure: the same
 * organisation and defaults give the same catalog.
 */
import { CompiledAclRule, compileAcls } from "../acl/compile";
import { Environment } from "../config/environment";
import { monitoringDefaults } from "../config/monitoring";
import { TeamsConfig, teamsDefaults } from "../config/teams";
import { durationToMs } from "../teams/duration";
import { Organisation, Team, TeamApplication, TeamTopic } from "../teams/model";

export const CATALOG_ENVIRONMENTS: readonly Environment[] = ["dev", "prod"];

/** An application by its team and name (`<team>/<app>` is unique). */
export interface AppRef {
  team: string;
  app: string;
}

/** A topic's effective settings in one environment. */
export interface TopicSettings {
  partitions: number;
  /** Milliseconds, or `infinite`. */
  retentionMs: number | "infinite";
}

export interface CatalogTopic {
  topic: TeamTopic;
  /** Effective settings per environment (the file's values over the environment's defaults). */
  settings: Record<Environment, TopicSettings>;
  producers: AppRef[];
  consumers: AppRef[];
}

export interface CatalogApplication {
  app: TeamApplication;
  acls: CompiledAclRule[];
}

/** A grant from the topic owner's point of view, or the receiver's. */
export interface CatalogGrant {
  topic: string;
  owner: string;
  to: string;
  access: "read" | "write";
}

export interface CatalogTeam {
  team: Team;
  applications: CatalogApplication[];
  grantsGiven: CatalogGrant[];
  grantsReceived: CatalogGrant[];
  /** Consumer-lag alert threshold in messages per environment, and whether it is the team's own. */
  maxLagMessages: Record<Environment, number>;
  ownLagThreshold: boolean;
}

/** One data flow: a topic from a producing to a consuming application. */
export interface CatalogFlow {
  topic: string;
  from: AppRef;
  to: AppRef;
  /** Producer and consumer belong to different teams. */
  crossTeam: boolean;
}

export interface Catalog {
  teams: CatalogTeam[];
  /** Sorted by name. */
  topics: CatalogTopic[];
  flows: CatalogFlow[];
  /** The environment defaults the settings were computed with. */
  defaults: Record<Environment, TeamsConfig["topicDefaults"]>;
}

/** The stack defaults of each environment, as the CLI's other stack-free commands use them. */
export function defaultTopicSettings(): Record<Environment, TeamsConfig["topicDefaults"]> {
  return Object.fromEntries(
    CATALOG_ENVIRONMENTS.map((env) => [env, TeamsConfig.parse(teamsDefaults(env)).topicDefaults]),
  ) as Record<Environment, TeamsConfig["topicDefaults"]>;
}

function defaultLagThresholds(): Record<Environment, number> {
  return Object.fromEntries(
    CATALOG_ENVIRONMENTS.map((env) => {
      const alerts = (monitoringDefaults(env) as { alerts: { defaultMaxLagMessages: number } }).alerts;
      return [env, alerts.defaultMaxLagMessages];
    }),
  ) as Record<Environment, number>;
}

export function buildCatalog(
  org: Organisation,
  defaults: Record<Environment, TeamsConfig["topicDefaults"]> = defaultTopicSettings(),
): Catalog {
  const producers = new Map<string, AppRef[]>();
  const consumers = new Map<string, AppRef[]>();
  const add = (map: Map<string, AppRef[]>, topic: string, ref: AppRef) =>
    map.set(topic, [...(map.get(topic) ?? []), ref]);
  for (const team of org.teams) {
    for (const app of team.applications) {
      const ref = { team: team.name, app: app.name };
      for (const use of app.produces) add(producers, use.topic, ref);
      for (const use of app.consumes) add(consumers, use.topic, ref);
      // A share consumer reads too; a topic also in `consumes` is listed once.
      for (const use of app.shareGroup?.consumes ?? [])
        if (!app.consumes.some((c) => c.topic === use.topic)) add(consumers, use.topic, ref);
    }
  }
  const topics = org.teams
    .flatMap((t) => t.topics)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((topic): CatalogTopic => ({
      topic,
      settings: Object.fromEntries(
        CATALOG_ENVIRONMENTS.map((env) => [env, settingsIn(topic, defaults[env])]),
      ) as Record<Environment, TopicSettings>,
      producers: producers.get(topic.name) ?? [],
      consumers: consumers.get(topic.name) ?? [],
    }));
  const flows = topics.flatMap((t) =>
    t.producers.flatMap((from) =>
      t.consumers.map((to) => ({ topic: t.topic.name, from, to, crossTeam: from.team !== to.team })),
    ),
  );
  const grants = org.teams.flatMap((team) =>
    team.topics.flatMap((topic) =>
      topic.grants.map((g) => ({ topic: topic.name, owner: team.name, to: g.team, access: g.access })),
    ),
  );
  const lagDefaults = defaultLagThresholds();
  const teams = org.teams.map((team): CatalogTeam => ({
    team,
    applications: team.applications.map((app) => ({ app, acls: compileAcls(app) })),
    grantsGiven: grants.filter((g) => g.owner === team.name),
    grantsReceived: grants.filter((g) => g.to === team.name),
    maxLagMessages: Object.fromEntries(
      CATALOG_ENVIRONMENTS.map((env) => [env, team.alerts?.maxLagMessages ?? lagDefaults[env]]),
    ) as Record<Environment, number>,
    ownLagThreshold: team.alerts?.maxLagMessages !== undefined,
  }));
  return { teams, topics, flows, defaults };
}

function settingsIn(topic: TeamTopic, defaults: TeamsConfig["topicDefaults"]): TopicSettings {
  return {
    partitions: topic.partitions ?? defaults.partitions,
    retentionMs: topic.retentionMs ?? durationToMs(defaults.retention),
  };
}
