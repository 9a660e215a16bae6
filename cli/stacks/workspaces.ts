/**
 * The Automation API workspaces of one environment: the platform stack in the project's own folder
 * (its `Pulumi.yaml` and `Pulumi.<env>.yaml`), the team stacks in a folder of their own (default
 * `stacks/`: a generated `Pulumi.yaml` of the same project, and each team stack's settings file,
 * which holds its secrets provider's salt or key: commit it). Programs run inline: this process is
 * the language host, so `kafka-platform up` needs the `pulumi` CLI and nothing else.
 */
import { mkdirSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, ProjectSettings, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { isUserError } from "../../core/errors";
import { TEAM_STACK_INFIX } from "../../core/stacks/plan";
import type { PlatformAccess } from "../../components/team-stack-provider";
import { platformProgram, ProgramOptions, TeamStackInput } from "../../program";
import { UsageError } from "../command";

export interface EnvironmentOptions {
  /** The environment: its platform stack's name (`dev`, `prod`). */
  env: string;
  /** The repository: program, team files, `platform/` (default: the working directory). */
  projectRoot: string;
  /** The folder of the project's `Pulumi.yaml` and the platform stack's file (default: `projectRoot`). */
  platformWorkDir?: string;
  /** The team stacks' folder (default: `<projectRoot>/stacks`). */
  teamWorkDir?: string;
  /** The `pulumi` CLI (default: the one on PATH). */
  pulumiCommand?: PulumiCommand;
  /** Environment variables of every CLI call (backend URL, passphrase, PULUMI_HOME). */
  envVars?: Record<string, string>;
  /** Program options besides the project root (team files, waiver file, CRD resolver). */
  program?: Omit<ProgramOptions, "projectRoot" | "teamStack">;
}

/** An inline program as index.ts runs it: user errors as located messages, without a stack trace. */
function inline(run: () => Promise<Record<string, unknown>>): () => Promise<Record<string, unknown>> {
  return async () => {
    try {
      return await run();
    } catch (e) {
      if (isUserError(e)) throw new pulumi.RunError(e.message);
      throw e;
    }
  };
}

export class EnvironmentWorkspaces {
  private teamInput?: TeamStackInput;

  private teamsWorkspace?: Promise<LocalWorkspace>;

  private constructor(
    readonly options: EnvironmentOptions,
    readonly platform: LocalWorkspace,
    /** Creates the team stacks' workspace (and its folder): only the split layout needs it. */
    private readonly createTeams: () => Promise<LocalWorkspace>,
  ) {}

  /** The team stacks' workspace, its folder (`stacks/`) and `Pulumi.yaml` created on first use. */
  teams(): Promise<LocalWorkspace> {
    this.teamsWorkspace ??= this.createTeams();
    return this.teamsWorkspace;
  }

  static async open(options: EnvironmentOptions): Promise<EnvironmentWorkspaces> {
    const { projectRoot, pulumiCommand, envVars } = options;
    const programOptions = { projectRoot, ...options.program };
    const platform = await LocalWorkspace.create({
      workDir: options.platformWorkDir ?? projectRoot,
      program: inline(() => platformProgram(programOptions)),
      pulumiCommand,
      envVars,
    });
    const project: ProjectSettings = await platform.projectSettings();
    // Team stacks use the platform stack's secrets provider (a cloud KMS key, or the passphrase).
    const settings = await platform.stackSettings(options.env).catch(() => undefined);
    let self: EnvironmentWorkspaces | undefined = undefined;
    const teamWorkDir = options.teamWorkDir ?? path.join(projectRoot, "stacks");
    // LocalWorkspace needs an existing folder; the first split-layout run creates `stacks/`.
    const teams = () => {
      mkdirSync(teamWorkDir, { recursive: true });
      return LocalWorkspace.create({
        workDir: teamWorkDir,
        projectSettings: project,
        secretsProvider: settings?.secretsProvider,
        program: inline(() => {
          const teamStack = self?.teamInput;
          if (!teamStack) throw new Error("a team stack ran before its platform stack's outputs were read");
          return platformProgram({ ...programOptions, teamStack });
        }),
        pulumiCommand,
        envVars,
      });
    };
    self = new EnvironmentWorkspaces(options, platform, teams);
    return self;
  }

  /** The platform stack; a usage error when it does not exist. */
  async platformStack(): Promise<Stack> {
    const { env } = this.options;
    const names = (await this.platform.listStacks()).map((s) => s.name);
    if (!names.includes(env))
      throw new UsageError(
        `no stack ${JSON.stringify(env.slice(0, 40))} in this backend (stacks: ${names.join(", ") || "none"}); create it with \`pulumi stack init ${env.slice(0, 40)}\``,
      );
    return Stack.select(env, this.platform);
  }

  /** The platform stack's configuration as the program reads it (`kafka-platform:<key>` → string). */
  async platformConfig(): Promise<Record<string, string>> {
    const all = await this.platform.getAllConfig(this.options.env);
    return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.value]));
  }

  /** Gives the team stacks' program the platform's configuration and outputs. */
  setTeamInput(input: TeamStackInput): void {
    this.teamInput = input;
  }

  /** A team stack, created (empty) when it does not exist yet. */
  teamStack(name: string): Promise<Stack> {
    return this.teams().then((ws) => Stack.createOrSelect(name, ws));
  }

  /** The names of the environment's team stacks that exist in the backend. */
  async existingTeamStacks(): Promise<string[]> {
    const prefix = `${this.options.env}${TEAM_STACK_INFIX}`;
    return (await (await this.teams()).listStacks()).map((s) => s.name).filter((n) => n.startsWith(prefix));
  }
}

/**
 * What team stacks read of the platform stack's outputs, or a message saying why they cannot
 * (the platform stack has not been deployed, or not by a version that exports `clusterProvider`).
 */
export async function platformAccess(platform: Stack): Promise<PlatformAccess | string> {
  const outputs = await platform.outputs();
  const value = (key: string) => outputs[key]?.value as unknown;
  const kubeconfig = value("kubeconfig");
  const ca = value("kafkaClusterCaCert");
  const provider = value("clusterProvider") as PlatformAccess["clusterProvider"] | undefined;
  if (typeof kubeconfig !== "string" || typeof ca !== "string" || !provider?.urn)
    return `the platform stack ${platform.name} has no kubeconfig, kafkaClusterCaCert or clusterProvider output: deploy it first (\`kafka-platform up --env ${platform.name}\`)`;
  return { kubeconfig, kafkaClusterCaCert: ca, clusterProvider: provider };
}
