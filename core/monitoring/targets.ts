/**
 * What monitoring needs to know about the Kafka cluster and the teams, kept minimal so that the
 * alert and dashboard builders stay independent of how Kafka and team files are modelled.
 */

/** One KafkaNodePool: its pods are `<cluster>-<pool>-<N>`, its volumes `data[-<id>]-<cluster>-<pool>-<N>`. */
export interface NodePoolTarget {
  name: string;
  roles: ("broker" | "controller")[];
  replicas: number;
}

/** The Strimzi-managed Kafka cluster that the alerts watch. */
export interface KafkaTarget {
  /** Name of the `Kafka` resource (`strimzi.io/cluster`). */
  clusterName: string;
  /** Namespace of Kafka, its topics, users, entity operator and Kafka Exporter. */
  namespace: string;
  /** Namespace of the Strimzi cluster operator. */
  operatorNamespace: string;
  nodePools: NodePoolTarget[];
}

/** A team as monitoring sees it (from its team file). */
export interface TeamTarget {
  team: string;
  /** Every topic, consumer group and user the team owns starts with `<prefix>.`. */
  prefix: string;
  /** Full names of topics outside the prefix the team's dashboard should also show (e.g. granted reads). */
  topics: string[];
  /** Full names of consumer groups outside the prefix that belong to the team. */
  consumerGroups: string[];
  /** Consumer lag (messages, per group and topic) above which the team is alerted. */
  maxLagMessages?: number;
}

/** RE2 escaping for a literal inside a PromQL regex matcher (PromQL string escaping applied separately). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A PromQL double-quoted string literal. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** Regex (unescaped for PromQL) matching the team's own names and the listed extra names. */
export function teamNameRegex(prefix: string, extra: readonly string[] = []): string {
  return [`${escapeRegex(prefix)}\\..+`, ...extra.map(escapeRegex)].join("|");
}

/** Regex for the pods of the given pools: `<cluster>-(<pool>|…)-<N>`. */
export function podRegex(target: KafkaTarget, pools: readonly NodePoolTarget[] = target.nodePools): string {
  return `${escapeRegex(target.clusterName)}-(${pools.map((p) => escapeRegex(p.name)).join("|")})-[0-9]+`;
}

/** Regex for the data volumes (PVCs) of the given pools: `data[-<id>]-<cluster>-<pool>-<N>` (JBOD or single volume). */
export function dataVolumeRegex(target: KafkaTarget): string {
  return `data(-[0-9]+)?-${podRegex(target)}`;
}

export function brokerPools(target: KafkaTarget): NodePoolTarget[] {
  return target.nodePools.filter((p) => p.roles.includes("broker"));
}

/**
 * The Kafka target described by the stack configuration. Pool names default to Strimzi's usual
 * `controller`/`broker`; pass the names the Kafka cluster component really uses.
 */
export function kafkaTargetFromConfig(
  config: {
    kafka: {
      name: string;
      namespace: string;
      controllers: { replicas: number };
      brokers: { replicas: number };
    };
    strimzi: { namespace: string };
  },
  poolNames: { controllers: string; brokers: string } = { controllers: "controller", brokers: "broker" },
): KafkaTarget {
  return {
    clusterName: config.kafka.name,
    namespace: config.kafka.namespace,
    operatorNamespace: config.strimzi.namespace,
    nodePools: [
      { name: poolNames.controllers, roles: ["controller"], replicas: config.kafka.controllers.replicas },
      { name: poolNames.brokers, roles: ["broker"], replicas: config.kafka.brokers.replicas },
    ],
  };
}

/** What monitoring needs of a validated team (structurally, so this module does not depend on core/teams). */
export interface TeamModel {
  name: string;
  prefix: string;
  applications: { consumerGroup: string; consumes: { topic: string; via: "own" | "grant" }[] }[];
  alerts?: { maxLagMessages?: number };
}

/** The monitoring view of each team: its prefix, the granted topics it consumes, its lag threshold. */
export function teamTargets(teams: readonly TeamModel[]): TeamTarget[] {
  return teams.map((team) => {
    const own = `${team.prefix}.`;
    const granted = team.applications.flatMap((a) =>
      a.consumes.filter((u) => u.via === "grant").map((u) => u.topic),
    );
    const groups = team.applications.map((a) => a.consumerGroup).filter((g) => !g.startsWith(own));
    return {
      team: team.name,
      prefix: team.prefix,
      topics: [...new Set(granted)].sort(),
      consumerGroups: [...new Set(groups)].sort(),
      maxLagMessages: team.alerts?.maxLagMessages,
    };
  });
}
