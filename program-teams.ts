/**
 * The teams of a stack: every team in the single layout's stack, the group's teams in a team stack
 * of the split layout (docs/stacks.md). Called by program.ts after validation.
 */
import * as pulumi from "@pulumi/pulumi";
import { GroupConfigs } from "./components/group-configs";
import { KafkaClusterRef, KafkaTeam } from "./components/kafka-team";
import { PlatformAccess, teamStackProvider } from "./components/team-stack-provider";
import type { PlatformConfig } from "./core/config";
import { internalBootstrapAddress } from "./core/strimzi/kafka-object";
import type { Team } from "./core/teams";
import type { ValidatedPlatform } from "./program";

/** What a team stack's run takes from its platform stack. */
export interface TeamStackInput {
  /** The platform stack's configuration as Pulumi holds it (`kafka-platform:<key>` → string). */
  platformConfig: Record<string, string>;
  /** The platform stack's outputs a team stack needs. */
  platform: PlatformAccess;
  /**
   * The organisation and configuration as the CLI validated them for this run (the same files): a
   * run over 200 team stacks validates the organisation once, not 200 times.
   */
  validated?: ValidatedPlatform;
}

/**
 * Yields to the event loop so that the SDK serialises and sends the registrations made so far
 * before the next team allocates its own. Without it, every team's resources are in flight at
 * once and garbage collection dominates a large organisation's run (docs/performance.md).
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One KafkaTeam per team (components/kafka-team.ts) and, for share groups, the Job that applies
 * their group configs (components/group-configs.ts), one team per turn of the event loop.
 */
export async function declareTeams(
  teams: readonly Team[],
  config: PlatformConfig,
  kafka: KafkaClusterRef,
  provider: pulumi.ProviderResource,
): Promise<KafkaTeam[]> {
  const kafkaTeams: KafkaTeam[] = [];
  for (const team of teams) {
    kafkaTeams.push(
      new KafkaTeam(
        team.name,
        {
          team,
          kafka,
          environment: config.environment,
          config: config.teams,
          clientNamespaceLabel: config.kafka.clientNamespaceLabel,
        },
        { provider },
      ),
    );
    // Share-group settings are group configs, which Strimzi does not manage.
    if (team.applications.some((app) => app.shareGroup)) {
      new GroupConfigs(
        `${team.name}-group-configs`,
        { team, kafka: config.kafka, strimziVersion: config.strimzi.version, kafkaResource: kafka.resource },
        { provider },
      );
    }
    await nextTurn();
  }
  return kafkaTeams;
}

/**
 * A team stack of the split layout: the teams of its group, with the platform's Kubernetes provider
 * and Kafka cluster read from the platform stack's outputs. A team stack whose group is gone (its
 * team files removed) declares nothing, so its resources are deleted (protected topics stop that).
 */
export async function teamStackProgram(
  { config, teams, stacks }: ValidatedPlatform,
  input: TeamStackInput,
): Promise<Record<string, unknown>> {
  const stack = stacks.teamStacks.find((s) => s.name === pulumi.getStack());
  const members = teams.teams.filter((t) => stack?.teams.includes(t.name));
  // ---- Everything below registers resources; all validation happens above this line. ----
  const provider = teamStackProvider(input.platform);
  const kafka: KafkaClusterRef = {
    clusterName: config.kafka.name,
    namespace: config.kafka.namespace,
    bootstrapServers: pulumi.output(internalBootstrapAddress(config.kafka.name, config.kafka.namespace)),
    clusterCaCertPem: pulumi.output(input.platform.kafkaClusterCaCert),
  };
  const kafkaTeams = await declareTeams(members, config, kafka, provider);
  return {
    environment: config.environment,
    teams: Object.fromEntries(
      kafkaTeams.map((t) => [
        t.teamName,
        { namespace: t.namespace.metadata.name, topics: Object.keys(t.topics) },
      ]),
    ),
  };
}
