/**
 * `kafka-platform up|preview|destroy --env ENV` and `migrate-stacks --env ENV`: the environment's
 * stacks through the Automation API (cli/stacks/, docs/stacks.md). Needs the `pulumi` CLI on PATH
 * and the backend login (`pulumi login …` or PULUMI_BACKEND_URL) a `pulumi up` would use.
 */
import { existsSync, readFileSync } from "fs";
import { spawnSync } from "child_process";
import * as path from "path";
import { isUserError } from "../../core/errors";
import { StackPlan } from "../../core/stacks/plan";
import { Organisation } from "../../core/teams";
import { didYouMean } from "../../core/validation/suggest";
import { PROJECT_ROOT } from "../../harness/engine";
import { parseOptions, stackOption } from "../args";
import { readBase } from "../base-organisation";
import { Command, CommandIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../command";
import { affectedTeamStacks, changedPaths } from "../stacks/changed";
import { MigrationStep, MigrationStopped, migrateStacks, rollbackStacks } from "../stacks/migrate";
import { runEnvironment } from "../stacks/run";
import { progressLine, StackAction, summaryText } from "../stacks/summary";
import { EnvironmentOptions, EnvironmentWorkspaces } from "../stacks/workspaces";
import { defaultReservations } from "./check";

const ENV = {
  type: "string",
  value: "ENV",
  description: "The environment: its platform stack (a Pulumi.<ENV>.yaml of the project).",
} as const;

const RUN_OPTIONS = {
  env: ENV,
  teams: {
    type: "string",
    value: "T,…",
    description:
      "Only the team stacks of these teams (comma-separated team names); the platform stack is left out.",
  },
  "changed-since": {
    type: "string",
    value: "REF",
    description:
      "Only the team stacks whose teams changed since this git ref (all of them when anything but team files changed).",
  },
  parallel: { type: "string", value: "N", description: "Team stacks run at once (default 4, at most 32)." },
  "skip-platform": {
    type: "boolean",
    description:
      "Leaves the platform stack out (a workflow ran it with `pulumi preview --stack ENV`); in the single layout nothing runs.",
  },
  "policy-pack": {
    type: "string",
    value: "DIR",
    description: "Runs this policy pack on every stack, as `pulumi preview|up --policy-pack` does.",
  },
  "policy-pack-config": {
    type: "string",
    value: "FILE",
    description: "The policy pack's configuration (policies/config/<env>.json).",
  },
  refresh: {
    type: "boolean",
    description: "Refreshes each stack's state from the cluster first (drift detection).",
  },
  "expect-no-changes": { type: "boolean", description: "A stack with any change fails (drift detection)." },
  json: {
    type: "boolean",
    description: "The summary as JSON (format version 1, docs/stacks.md) instead of text.",
  },
} as const;

/** The CLI's workspaces: the project's own folder (the engine tier calls cli/stacks/ with its own). */
const environmentOptions = (env: string): EnvironmentOptions => ({ env, projectRoot: PROJECT_ROOT });

function parallelOption(value: string | undefined): number {
  if (value === undefined) return 4;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32)
    throw new UsageError(`--parallel must be a whole number from 1 to 32`);
  return n;
}

/** `--teams a,b`: the stacks of those teams; an unknown name is a usage error. */
function stacksOfTeams(list: string): (plan: StackPlan, org: Organisation) => string[] {
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--teams needs at least one team name");
  return (plan, org) => {
    const known = org.teams.map((t) => t.name);
    for (const n of names)
      if (!known.includes(n))
        throw new UsageError(`--teams: no team ${JSON.stringify(n.slice(0, 40))}${didYouMean(n, known)}`);
    return plan.teamStacks.filter((s) => s.teams.some((t) => names.includes(t))).map((s) => s.name);
  };
}

/** `--changed-since REF`: the stacks `affectedTeamStacks` selects against the team files at REF. */
function stacksChangedSince(
  ref: string,
  projectRoot: string,
): (plan: StackPlan, org: Organisation, removed: readonly string[]) => string[] {
  const paths = changedPaths(projectRoot, ref);
  return (plan, org, removed) => {
    const teamsDir = path.dirname(org.teams[0]?.file ?? "teams/x.yaml");
    let base: Organisation | undefined;
    try {
      base = readBase(ref, path.resolve(projectRoot, teamsDir), defaultReservations()).organisation;
    } catch (e) {
      if (!isUserError(e)) throw e;
      base = undefined; // an invalid base: every team stack runs
    }
    return affectedTeamStacks(plan, org, base, paths, teamsDir, removed);
  };
}

/** A policy pack configuration file (`--policy-pack-config`): a JSON object, or a usage error. */
function checkPolicyConfigFile(file: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new UsageError(`--policy-pack-config: ${JSON.stringify(file.slice(-80))} is not a JSON object`);
}

/** An option naming a file or directory that must exist. */
function existingPath(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !existsSync(value))
    throw new UsageError(`--${flag}: no such file or directory ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

/**
 * `kafka-platform policy --stack ENV` in a child process (its program run uses Pulumi's mocks, which
 * must not share this process's runtime with the stacks' inline programs): its findings go to
 * stderr; a reason to stop when it found mandatory violations or failed.
 */
export async function wholeOrganisationPolicy(
  env: string,
  configFile: string | undefined,
  io: CommandIO,
): Promise<string | undefined> {
  const cli = path.join(PROJECT_ROOT, "bin", "kafka-platform.js");
  const args = [cli, "policy", "--stack", env, ...(configFile ? ["--config", path.resolve(configFile)] : [])];
  const r = spawnSync(process.execPath, args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n").filter(Boolean))
    io.err(`policy: ${line}`);
  if (r.status === 0) return undefined;
  return r.status === 1
    ? `the policy pack over the whole organisation (kafka-platform policy --stack ${env}) found mandatory violations; nothing was run`
    : `kafka-platform policy --stack ${env} failed (exit ${r.status}); nothing was run`;
}

/** `destroy` runs no preview or update: no policy pack, refresh or selection by change. */
const DESTROY_OPTIONS = {
  env: ENV,
  teams: {
    type: "string",
    value: "T,…",
    description:
      "Only the team stacks of these teams (comma-separated team names); the platform stack stays.",
  },
  parallel: RUN_OPTIONS.parallel,
  json: RUN_OPTIONS.json,
  yes: { type: "boolean", description: "Confirm the destroy (required)." },
} as const;

function runCommand(action: StackAction, summary: string, examples: string[]): Command {
  const options = action === "destroy" ? DESTROY_OPTIONS : RUN_OPTIONS;
  return {
    name: action,
    summary,
    usage:
      action === "destroy"
        ? "destroy --env ENV [--teams T,…] [--parallel N] [--json] --yes"
        : `${action} --env ENV [--teams T,…] [--changed-since REF] [--parallel N] [--skip-platform] [--policy-pack DIR [--policy-pack-config FILE]] [--refresh] [--expect-no-changes] [--json]`,
    options,
    examples,
    async run(args: string[], io: CommandIO) {
      const opts = parseOptions(args, options) as Record<string, string | boolean | undefined>;
      const env = stackOption(opts.env as string | undefined, undefined, "env");
      if (opts.teams && opts["changed-since"])
        throw new UsageError("--teams and --changed-since exclude each other");
      if (action === "destroy" && !opts.yes)
        throw new UsageError("destroy deletes every stack's resources: pass --yes to confirm");
      const parallel = parallelOption(opts.parallel as string | undefined);
      const policyPack = existingPath(opts["policy-pack"] as string | undefined, "policy-pack");
      const policyConfig = existingPath(
        opts["policy-pack-config"] as string | undefined,
        "policy-pack-config",
      );
      if (policyConfig && !policyPack) throw new UsageError("--policy-pack-config needs --policy-pack");
      if (policyConfig) checkPolicyConfigFile(policyConfig);
      const o = environmentOptions(env);
      const select = opts.teams
        ? stacksOfTeams(opts.teams as string)
        : opts["changed-since"]
          ? stacksChangedSince(opts["changed-since"] as string, o.projectRoot)
          : undefined;
      const ws = await EnvironmentWorkspaces.open(o);
      const run = await runEnvironment(ws, {
        action,
        teamStacks: select,
        platform: opts.teams === undefined && !opts["skip-platform"],
        parallel,
        progress: (outcome) => io.err(progressLine(action, outcome)),
        // The whole organisation through the policy pack first: team stacks see only themselves.
        organisationCheck: policyPack ? () => wholeOrganisationPolicy(env, policyConfig, io) : undefined,
        engine: {
          policyPacks: policyPack ? [path.resolve(policyPack)] : undefined,
          policyPackConfigs: policyConfig ? [path.resolve(policyConfig)] : undefined,
          refresh: opts.refresh === true || undefined,
          expectNoChanges: opts["expect-no-changes"] === true || undefined,
        },
      });
      if (run.layout === "single" && opts.teams)
        throw new UsageError(
          `--teams needs the split layout: ${env}'s platform stack holds every team (docs/stacks.md)`,
        );
      if (run.layout === "single" && opts["skip-platform"])
        io.err(`${env} uses the single layout: no team stacks, nothing ran`);
      io.out(
        opts.json
          ? JSON.stringify({ version: 1, action, env, layout: run.layout, stacks: run.outcomes }, null, 2)
          : summaryText(action, run.outcomes),
      );
      return run.outcomes.some((x) => x.status === "failed" || x.status === "skipped")
        ? EXIT_FINDINGS
        : EXIT_OK;
    },
  };
}

export const upCommand = runCommand(
  "up",
  "Deploys an environment: the platform stack when it changed, then its team stacks (split layout).",
  ["kafka-platform up --env prod", "kafka-platform up --env dev --teams payments,billing --parallel 8"],
);
export const previewCommand = runCommand(
  "preview",
  "Previews an environment's platform stack and team stacks; exit 1 when a stack fails.",
  [
    "kafka-platform preview --env prod --changed-since origin/main",
    "kafka-platform preview --env prod --skip-platform --refresh --expect-no-changes",
  ],
);
export const destroyCommand = runCommand(
  "destroy",
  "Destroys an environment: its team stacks first, then the platform stack (protected topics stop it).",
  ["kafka-platform destroy --env dev --yes"],
);

const MIGRATE_OPTIONS = {
  env: ENV,
  "dry-run": { type: "boolean", description: "Only list what would move." },
  rollback: {
    type: "string",
    value: "BACKUP",
    description:
      "Back to the single layout: imports the backup a migration wrote and removes the team stacks (state only); refused once a team stack was updated.",
  },
} as const;

export const migrateStacksCommand: Command = {
  name: "migrate-stacks",
  summary:
    "Moves each team's resources from the platform stack into its team stack (state only; split layout).",
  usage: "migrate-stacks --env ENV [--dry-run] [--rollback BACKUP]",
  options: MIGRATE_OPTIONS,
  examples: [
    "kafka-platform migrate-stacks --env prod --dry-run",
    "kafka-platform migrate-stacks --env prod",
    "kafka-platform migrate-stacks --env prod --rollback .kafka-platform/backups/prod-2026-12-04T10-00-00-000Z.json",
  ],
  async run(args, io) {
    const opts = parseOptions(args, MIGRATE_OPTIONS);
    const env = stackOption(opts.env, undefined, "env");
    const ws = await EnvironmentWorkspaces.open(environmentOptions(env));
    if (opts.rollback !== undefined) {
      if (opts["dry-run"]) throw new UsageError("--rollback and --dry-run exclude each other");
      const removed = await rollbackStacks(ws, path.resolve(opts.rollback), (l) => io.err(l));
      io.out(`rolled back: ${env} holds every team again; removed ${removed.length} team stack(s)`);
      return EXIT_OK;
    }
    let steps: MigrationStep[];
    try {
      steps = (await migrateStacks(ws, { dryRun: opts["dry-run"], progress: (l) => io.err(l) })).steps;
    } catch (e) {
      if (!(e instanceof MigrationStopped)) throw e;
      io.err(`kafka-platform migrate-stacks: ${e.message}`);
      return EXIT_FINDINGS;
    }
    for (const s of steps)
      io.out(
        `${s.stack.padEnd(40)} ${s.status.padEnd(8)} ${s.teams.join(",")}${s.urns.length ? ` (${s.urns.length} root resource(s))` : ""}`,
      );
    io.out(
      opts["dry-run"]
        ? "dry run: nothing moved"
        : `next: \`kafka-platform preview --env ${env}\` shows no change; commit stacks/ (the team stacks' settings)`,
    );
    return EXIT_OK;
  },
};
