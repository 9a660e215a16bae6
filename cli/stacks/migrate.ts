/**
 * `kafka-platform migrate-stacks --env ENV`: moves each team's resources out of the platform stack
 * into its team stack with `pulumi state move` (state only: no object in the cluster is touched),
 * so the split layout's first run deletes, creates and replaces nothing. Idempotent and resumable:
 * a team already in its team stack is left alone, and a run stopped halfway goes on where it stopped.
 * A backup of the platform stack's state is written first (the rollback, docs/runbooks/split-stacks.md).
 */
import { execFile } from "child_process";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { promisify } from "util";
import { PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { CONFIG_NAMESPACE } from "../../core/config/schema";
import { UserError } from "../../core/errors";
import { locate } from "../../core/validation/yaml-source";
import { teamStackName } from "../../core/stacks/plan";
import { KAFKA_TEAM_TYPE, validateEnvironment } from "./run";
import { UsageError } from "../command";
import { failureReason } from "./summary";
import { EnvironmentWorkspaces } from "./workspaces";

/** The type of a team's group-config Job component (a root resource, moved with the team). */
const GROUP_CONFIGS_TYPE = "kafka-platform:kafka:GroupConfigs";

/** The migration stopped and says what to do (printed whole, exit 1: never cut as an internal error). */
export class MigrationStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationStopped";
  }
}

export interface MigrationStep {
  /** The team stack. */
  stack: string;
  teams: string[];
  /** moved: this run moved them; done: already in the team stack; none: nothing to move (a new team). */
  status: "moved" | "done" | "none" | "planned";
  /** The platform stack's URNs moved (or, with --dry-run, to move). */
  urns: string[];
}

interface StateResource {
  urn: string;
  type: string;
}

async function resources(stack: Stack): Promise<StateResource[]> {
  return ((await stack.exportStack()).deployment?.resources ?? []) as StateResource[];
}

/** The root resources of `teams` in a state: their KafkaTeam and GroupConfigs components. */
export function teamRoots(state: readonly StateResource[], teams: readonly string[]): string[] {
  const names = new Set(
    teams.flatMap((t) => [`${KAFKA_TEAM_TYPE}::${t}`, `${GROUP_CONFIGS_TYPE}::${t}-group-configs`]),
  );
  return state
    .filter((r) => r.type === KAFKA_TEAM_TYPE || r.type === GROUP_CONFIGS_TYPE)
    .filter((r) => names.has(r.urn.split("::").slice(2).join("::")))
    .map((r) => r.urn);
}

/** `urn` with its stack renamed (what `pulumi state move` makes of it). */
export function renamedUrn(urn: string, stack: string): string {
  const parts = urn.split("::");
  parts[0] = `urn:pulumi:${stack}`;
  return parts.join("::");
}

/** A located error unless the platform stack's file sets `stacks.layout` to `wanted`. */
function requireLayout(
  validated: Awaited<ReturnType<typeof validateEnvironment>>,
  wanted: "single" | "split",
  then: string,
) {
  const { config, source } = validated;
  if (config.stacks.layout === wanted) return;
  const at = source.yaml
    ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:stacks`, "layout"])
    : undefined;
  throw new UserError([
    {
      file: source.file,
      ...at,
      path: `${CONFIG_NAMESPACE}:stacks.layout`,
      message: `is "${config.stacks.layout}": set it to "${wanted}" in ${source.file} first, then ${then} (docs/runbooks/split-stacks.md)`,
    },
  ]);
}

export interface MigrateOptions {
  dryRun?: boolean;
  /** Where the platform state's backup goes (default: `.kafka-platform/backups/` of the project root). */
  backupDir?: string;
  progress?: (line: string) => void;
}

export async function migrateStacks(
  ws: EnvironmentWorkspaces,
  opts: MigrateOptions = {},
): Promise<{ steps: MigrationStep[]; backup?: string }> {
  const platform = await ws.platformStack();
  const validated = await validateEnvironment(ws);
  requireLayout(validated, "split", "run migrate-stacks");
  const state = await resources(platform);
  // A team whose file is gone but whose resources are still deployed (its protected topics stopped
  // the delete) moves into a stack of its own, which then deletes them as the platform stack would.
  const planned = new Set(validated.stacks.teamStacks.flatMap((s) => s.teams));
  const leftOver = state
    .filter((r) => r.type === KAFKA_TEAM_TYPE)
    .map((r) => r.urn.split("::").pop()!)
    .filter((team) => !planned.has(team))
    .map((team) => ({ name: teamStackName(platform.name, team), teams: [team] }));
  const existing = new Set(await ws.existingTeamStacks());
  const steps: MigrationStep[] = [];
  let backupFile: string | undefined;
  for (const target of [...validated.stacks.teamStacks, ...leftOver]) {
    const urns = teamRoots(state, target.teams);
    const dest = existing.has(target.name) ? await ws.teamStack(target.name) : undefined;
    const inDest = dest ? teamRoots(await resources(dest), target.teams) : [];
    if (urns.length === 0) {
      steps.push({
        stack: target.name,
        teams: target.teams,
        status: inDest.length > 0 ? "done" : "none",
        urns: [],
      });
      continue;
    }
    // Stopped between saving the destination and the source: Pulumi's own message says what to delete.
    const both = urns.filter((u) => inDest.includes(renamedUrn(u, target.name)));
    if (both.length > 0)
      throw new MigrationStopped(
        `${both.join(", ")} is in both ${platform.name} and ${target.name}: a state move stopped halfway. Remove it from ${platform.name} with \`pulumi state delete --stack ${platform.name} <urn> --force\` (children first; its objects stay in the cluster), then run migrate-stacks again`,
      );
    if (opts.dryRun) {
      steps.push({ stack: target.name, teams: target.teams, status: "planned", urns });
      continue;
    }
    if (!backupFile) {
      backupFile = await backup(ws, platform, opts.backupDir);
      opts.progress?.(`backup of ${platform.name}'s state: ${backupFile}`);
    }
    await ws.teamStack(target.name);
    try {
      await stateMove(ws, platform.name, target.name, urns);
    } catch (e) {
      throw new MigrationStopped(
        `pulumi state move of ${target.teams.join(", ")} to ${target.name} failed: ${failureReason(e)}. Run migrate-stacks again (it resumes where it stopped), or roll back (docs/runbooks/split-stacks.md)`,
      );
    }
    const moved = teamRoots(await resources(await ws.teamStack(target.name)), target.teams);
    const missing = urns.filter((u) => !moved.includes(renamedUrn(u, target.name)));
    if (missing.length > 0) throw new Error(`after the move, ${target.name} lacks ${missing.join(", ")}`);
    opts.progress?.(
      `moved ${target.teams.join(", ")} to ${target.name} (${urns.length} root resource(s) and their children)`,
    );
    steps.push({ stack: target.name, teams: target.teams, status: "moved", urns });
  }
  return { steps, backup: backupFile };
}

/**
 * `migrate-stacks --rollback BACKUP`: the single layout again, from the backup `migrate-stacks`
 * wrote: the platform stack's state is imported from it and the team stacks are removed (state
 * only: their objects stay, now the platform stack's again). Refused once a team stack has changed
 * something (an update or refresh with a change, a destroy) after the move: the backup no longer
 * describes the cluster.
 */
export async function rollbackStacks(
  ws: EnvironmentWorkspaces,
  backupFile: string,
  progress?: (line: string) => void,
): Promise<string[]> {
  const platform = await ws.platformStack();
  requireLayout(await validateEnvironment(ws), "single", "run migrate-stacks --rollback");
  let backup: { version: number; deployment: { resources?: StateResource[] } };
  try {
    backup = JSON.parse(readFileSync(backupFile, "utf8"));
  } catch {
    throw new UsageError(
      `--rollback: cannot read ${JSON.stringify(backupFile.slice(-80))} as a stack export`,
    );
  }
  const first = backup?.deployment?.resources?.[0]?.urn ?? "";
  if (!first.startsWith(`urn:pulumi:${platform.name}::`))
    throw new UsageError(`--rollback: the file is not an export of stack ${platform.name}`);
  const teamStacks = await ws.existingTeamStacks();
  const inBackup = new Set((backup.deployment.resources ?? []).map((r) => r.urn));
  for (const name of teamStacks) {
    const stack = await ws.teamStack(name);
    // A resumed migration's backup lacks the teams moved before it: only the first run's backup rolls back.
    const roots = (await resources(stack)).filter(
      (r) => r.type === KAFKA_TEAM_TYPE || r.type === GROUP_CONFIGS_TYPE,
    );
    const missing = roots.filter((r) => !inBackup.has(renamedUrn(r.urn, platform.name)));
    if (missing.length > 0)
      throw new UserError([
        {
          file: backupFile,
          path: "",
          message: `the backup does not hold ${missing.map((r) => r.urn.split("::").pop()).join(", ")} of team stack ${name}: use the backup of the migration's first run (the oldest in .kafka-platform/backups/)`,
        },
      ]);
    const history = await stack.history();
    // An update that changed nothing (the first `up` after the move records the new outputs) keeps the backup true.
    const changed = history.filter(
      (h) =>
        h.kind === "destroy" ||
        Object.entries(h.resourceChanges ?? {}).some(([op, n]) => op !== "same" && (n ?? 0) > 0),
    );
    if (changed.length > 0)
      throw new UserError([
        {
          file: backupFile,
          path: "",
          message: `team stack ${name} was ${changed[0].kind === "update" ? "updated" : changed[0].kind} after the migration, so this backup is stale: move its teams back with \`pulumi state move\` by hand (docs/runbooks/split-stacks.md)`,
        },
      ]);
  }
  await platform.importStack(backup as never);
  for (const name of teamStacks) {
    await (await ws.teams()).removeStack(name, { force: true });
    progress?.(`removed team stack ${name} (state only)`);
  }
  return teamStacks;
}

/** The platform stack's state, exported to `.kafka-platform/backups/` under the project root. */
async function backup(ws: EnvironmentWorkspaces, platform: Stack, backupDir?: string): Promise<string> {
  const dir = backupDir ?? path.join(ws.options.projectRoot, ".kafka-platform", "backups");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${platform.name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(await platform.exportStack(), null, 2), { mode: 0o600 });
  return file;
}

/** `pulumi state move` in the team stacks' folder (a project folder, as the command requires). */
async function stateMove(
  ws: EnvironmentWorkspaces,
  source: string,
  dest: string,
  urns: string[],
): Promise<void> {
  const pulumi = ws.options.pulumiCommand ?? (await PulumiCommand.get());
  await promisify(execFile)(
    pulumi.command,
    ["state", "move", "--source", source, "--dest", dest, "--yes", "--color", "never", ...urns],
    {
      cwd: (await ws.teams()).workDir,
      env: { ...process.env, ...ws.options.envVars, PULUMI_SKIP_UPDATE_CHECK: "true" },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}
