import { existsSync, readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readExistingCluster } from "./core/cluster/existing";
import { CONFIG_NAMESPACE, ConfigSource, loadPlatformConfig, PlatformConfig } from "./core/config";
import { oauthListenerSettings } from "./core/addons/keycloak";
import { addonNamespaces } from "./core/config/addons";
import { isUserError, Problem, UserError } from "./core/errors";
import { displayDirOf, loadTeams, Organisation, protocolSupportProblems } from "./core/teams";
import {
  parseTeamStackName,
  planStacks,
  StackPlan,
  stackPlanProblems,
  teamStackLayoutProblems,
} from "./core/stacks/plan";
import { applyWaiverFile, WAIVERS_FILE } from "./core/waivers";
import { kafkaConfigProblems } from "./core/strimzi/kafka-validation";
import { CrdSource, strimziCrdsSource } from "./core/strimzi/kafka-operator-chart";
import { localSourceProblems, withAbsolutePaths } from "./core/config/local-sources";
import { kafkaTargetFromConfig, teamTargets } from "./core/monitoring/targets";
import { monitoringConfigProblems } from "./core/monitoring/validate";
import { locate, parseYamlSource } from "./core/validation/yaml-source";
import { ArgoCd } from "./components/addons/argocd";
import { Keycloak } from "./components/addons/keycloak";
import { createCluster } from "./components/cluster";
import { KafkaCluster } from "./components/kafka-cluster";
import { declareTeams, TeamStackInput, teamStackProgram } from "./program-teams";

export type { TeamStackInput } from "./program-teams";
import { MonitoringStack } from "./components/monitoring/monitoring-stack";
import { StrimziOperator } from "./components/strimzi-operator";
import { CrdSourceError, crdsAsStoredFile, verifiedCrdsFile } from "./components/strimzi-crds-file";

/** Options of one program run. */
export interface ProgramOptions {
  /** Directory holding `Pulumi.yaml` and the stack files (default: the working directory). */
  projectRoot?: string;
  /** Team files directory, overriding `kafka-platform:teams.dir` (the CLI's `--teams`). */
  teamsDir?: string;
  /** The platform team's waiver file (default: `platform/waivers.yaml` of the project). */
  waiversFile?: string;
  /**
   * Turns the Strimzi CRD source into the manifest file the CRD ConfigFile reads (default:
   * download and verify a pinned URL, join a directory; see components/strimzi-crds-file.ts).
   */
  resolveCrdsFile?: (source: CrdSource) => Promise<string>;
  /**
   * Set when the program runs a team stack (`<env>.teams.<group>`, split layout): the platform
   * stack's configuration and outputs, read by `kafka-platform up|preview|destroy` (cli/stacks/).
   */
  teamStack?: TeamStackInput;
}

/** The stack file as the config loader's source, for located messages. */
export function stackConfigSource(projectRoot: string, stack: string): ConfigSource {
  const file = `Pulumi.${stack}.yaml`;
  const fullPath = path.join(projectRoot, file);
  const yaml = existsSync(fullPath) ? parseYamlSource(file, readFileSync(fullPath, "utf8")) : undefined;
  return { file, yaml };
}

/**
 * Reads and validates the team files (`--teams`, relative to the working directory, or the stack's
 * `teams.dir`, relative to the project); throws a located UserError with every problem.
 */
function readTeams(
  projectRoot: string,
  config: PlatformConfig,
  teamsDir?: string,
  source?: ConfigSource,
): Organisation {
  const dir = teamsDir ? path.resolve(teamsDir) : path.resolve(projectRoot, config.teams.dir);
  if (!teamsDir && source && !existsSync(dir)) {
    // The mistake is in the stack file's `teams.dir`: say where.
    const at = source.yaml ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:teams`, "dir"]) : undefined;
    const message = `no such directory of team files: ${displayDirOf(dir, projectRoot)}`;
    throw new UserError([{ file: source.file, ...at, path: `${CONFIG_NAMESPACE}:teams.dir`, message }]);
  }
  return loadTeams(dir, {
    displayDir: displayDirOf(dir, projectRoot),
    reservedNamespaces: [
      config.kafka.namespace,
      config.strimzi.namespace,
      config.monitoring.namespace,
      ...addonNamespaces(config.addons),
    ],
    reservedPrincipals: [config.kafka.adminUser],
    kafkaVersion: config.kafka.version,
    classifications: config.teams.classifications,
    repositoryRoot: projectRoot,
  });
}

/** What the program builds from, every part validated. */
export interface ValidatedPlatform {
  config: PlatformConfig;
  teams: Organisation;
  /** The kubeconfig of an `existing` cluster, read and checked. */
  existingCluster?: ReturnType<typeof readExistingCluster>;
  /** The stack file, for located messages after validation. */
  source: ConfigSource;
  /** The environment's stacks (the platform stack and the team stacks of the split layout). */
  stacks: StackPlan;
}

/**
 * Validates configuration and team files completely before anything is registered. A broken
 * config stops at once (the rest depends on it); after that, the problems of the cluster, Kafka,
 * monitoring and team files are reported together in one UserError.
 */
export function validatePlatform(
  projectRoot: string,
  options: ProgramOptions,
  stack: string = pulumi.getStack(),
  /** The stack's configuration when validated outside a Pulumi run (the CLI reads it from the workspace). */
  rawConfig?: Record<string, string>,
): ValidatedPlatform {
  const { teamsDir, waiversFile, teamStack } = options;
  const platformStack = parseTeamStackName(stack)?.platform;
  if (platformStack !== undefined && !teamStack) {
    const message = `${stack} is a team stack: run it with \`kafka-platform up --env ${platformStack}\`, which reads its platform stack's configuration and outputs (docs/stacks.md)`;
    throw new UserError([{ file: `Pulumi.${stack}.yaml`, path: "", message }]);
  }
  const source = stackConfigSource(projectRoot, platformStack ?? stack);
  const raw = teamStack?.platformConfig ?? rawConfig ?? pulumi.runtime.allConfig();
  const config = loadPlatformConfig(raw, source);
  const problems: Problem[] = [
    // Kafka rules that depend on the environment (a prod quorum of 3, volumes kept, …).
    ...kafkaConfigProblems(config, source),
    // Monitoring rules that depend on the cluster mode (GCS storage needs Workload Identity).
    ...monitoringConfigProblems(config, source.file),
    // Local chart directories and CRD files exist; a chart directory carries the pinned version.
    ...localSourceProblems(config, projectRoot, source),
    // A team stack in the single layout would manage objects its platform stack manages.
    ...(platformStack !== undefined ? teamStackLayoutProblems(stack, config, source) : []),
  ];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  };
  // `existing` mode: the kubeconfig file and context must exist (a team stack uses the platform's).
  const cluster = config.cluster;
  const existingCluster =
    cluster.mode === "existing" && !teamStack
      ? collect(() => readExistingCluster(cluster.existing, source, { projectRoot }))
      : undefined;
  const teamFiles = collect(() => readTeams(projectRoot, config, teamsDir, source));
  // Waivers: the platform team's file, never the team files (core/waivers.ts).
  const waivers = waiversFile ? path.resolve(waiversFile) : path.join(projectRoot, WAIVERS_FILE);
  const teams =
    teamFiles &&
    collect(() => applyWaiverFile(teamFiles, waivers, { file: displayDirOf(waivers, projectRoot) }));
  // Share groups and the consumer/streams protocols need a Kafka (and metadata) version that has them.
  if (teams) problems.push(...protocolSupportProblems(teams, config.kafka, source.file));
  // The split layout's groups name existing teams, each once.
  if (teamFiles)
    problems.push(
      ...stackPlanProblems(
        config,
        teamFiles.teams.map((t) => t.name),
        source,
      ),
    );
  if (problems.length > 0 || !teams)
    throw new UserError(problems, "Invalid stack configuration or team files:");
  const stacks = planStacks(
    platformStack ?? stack,
    config,
    teams.teams.map((t) => t.name),
    source,
  );
  return { config: withAbsolutePaths(config, projectRoot), teams, existingCluster, source, stacks };
}

/**
 * The Strimzi CRD manifest, verified against its pin before anything is registered; a bad
 * download or digest is a located error on `kafka-platform:strimzi.crds`.
 */
async function strimziCrdsFile(
  config: PlatformConfig,
  projectRoot: string,
  source: ConfigSource,
  resolve?: (source: CrdSource) => Promise<string>,
): Promise<string> {
  const crds = strimziCrdsSource(config.strimzi);
  try {
    return await (
      resolve ??
      (async (s) => {
        const cacheDir = path.join(projectRoot, ".cache", "strimzi-crds");
        return crdsAsStoredFile(await verifiedCrdsFile(s, { cacheDir }), cacheDir);
      })
    )(crds);
  } catch (e) {
    if (!(e instanceof CrdSourceError)) throw e;
    // Set in the stack file: point at the field; the program's default: at strimzi.version.
    const at = config.strimzi.crds !== undefined ? ["crds", e.field] : ["version"];
    const pos = source.yaml
      ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:strimzi`, ...at])
      : undefined;
    const from = "url" in crds ? crds.url : crds.path;
    throw new UserError(
      [
        {
          file: source.file,
          ...pos,
          path: `${CONFIG_NAMESPACE}:strimzi.${at.join(".")}`,
          message: e.message,
        },
      ],
      `The Strimzi CRDs from ${from} cannot be used:`,
    );
  }
}

/**
 * The whole platform: validates configuration and team files first (nothing is registered when
 * anything is invalid), then declares the cluster, Strimzi and Kafka, the teams and monitoring.
 */
export async function platformProgram(options: ProgramOptions = {}): Promise<Record<string, unknown>> {
  const projectRoot = options.projectRoot ?? process.cwd();
  const validated = options.teamStack?.validated ?? validatePlatform(projectRoot, options);
  if (options.teamStack) return teamStackProgram(validated, options.teamStack);
  const { config, teams, existingCluster, source } = validated;
  // The split layout's platform stack declares no team; each team stack declares its own.
  const split = config.stacks.layout === "split";
  const crdsFile = await strimziCrdsFile(config, projectRoot, source, options.resolveCrdsFile);

  // ---- Everything below registers resources; all validation happens above this line. ----

  // Cluster layer (components/cluster): the Kubernetes provider and facts for the layers above.
  const cluster = createCluster("cluster", config, { existing: existingCluster });

  // Strimzi operator and the Kafka cluster (components/strimzi-operator.ts, components/kafka-cluster.ts).
  const strimzi = new StrimziOperator("strimzi", {
    config: config.strimzi,
    crdsFile,
    watchNamespace: config.kafka.namespace,
    cluster,
    protectWatchedNamespace: config.environment === "prod",
  });
  const kafka = new KafkaCluster("kafka", {
    environment: config.environment,
    config: config.kafka,
    cluster,
    operator: strimzi,
    // The Keycloak add-on's OAuth listener, beside the SCRAM listeners.
    oauthListener: config.addons.keycloak.enabled ? oauthListenerSettings(config.addons.keycloak) : undefined,
  });

  // The single layout's teams (the split layout's are in the team stacks).
  const kafkaTeams = split ? [] : await declareTeams(teams.teams, config, kafka, cluster.provider);

  // Monitoring: the Grafana stack, dashboards and alerts (components/monitoring/).
  const monitoring = config.monitoring.enabled
    ? new MonitoringStack("monitoring", {
        config: config.monitoring,
        cluster,
        target: kafkaTargetFromConfig(config),
        teams: teamTargets(teams.teams),
        kafkaReady: [strimzi],
      })
    : undefined;

  // Optional add-ons (components/addons/), each off unless enabled in the stack.
  const addons = config.addons;
  if (addons.argocd.enabled) {
    new ArgoCd("argocd", {
      config: addons.argocd,
      environment: config.environment,
      teams: teams.teams,
      // Split layout: the team stacks own the namespaces; Argo CD syncs into them once they exist.
      teamNamespaces: kafkaTeams.map((t) => t.namespace),
      provider: cluster.provider,
    });
  }
  const keycloak = addons.keycloak.enabled
    ? new Keycloak("keycloak", {
        config: addons.keycloak,
        environment: config.environment,
        teams: teams.teams,
        teamNamespaces: Object.fromEntries(kafkaTeams.map((t) => [t.teamName, t.namespace])),
        kafka,
        provider: cluster.provider,
      })
    : undefined;

  return {
    environment: config.environment,
    clusterName: cluster.name,
    clusterEndpoint: cluster.endpoint,
    kubeconfig: pulumi.secret(cluster.kubeconfig),
    kafkaClusterName: kafka.clusterName,
    kafkaNamespace: kafka.namespace,
    kafkaBootstrapServers: kafka.bootstrapServers,
    kafkaClusterCaCert: kafka.clusterCaCertPem,
    kafkaAdminUsername: kafka.adminUsername,
    kafkaAdminPassword: kafka.adminPassword,
    // What team stacks rebuild the provider from (components/team-stack-provider.ts).
    clusterProvider: { ...cluster.providerSettings, urn: cluster.provider.urn },
    ...(monitoring
      ? { grafanaUrl: monitoring.grafanaUrl, grafanaAdminPassword: monitoring.grafanaAdminPassword }
      : {}),
    ...(keycloak
      ? { keycloakAdminPassword: keycloak.adminPassword, keycloakTokenEndpoint: keycloak.tokenEndpoint }
      : {}),
  };
}
