import { statSync } from "fs";
import * as path from "path";
import { plain, ProgramRun, PROJECT_ROOT, runProgram } from "../../harness/engine";
import { SOURCE_ANNOTATION } from "../../core/labels";
import { loadTeams } from "../../core/teams/load";
import { sourceLines } from "../../core/teams/model";
import { ENVIRONMENT_TAG } from "../../policies/lib/environment";
import { readPackConfig } from "../../policies/offline/config";
import { formatViolations, OfflineRunResult, runPoliciesOffline } from "../../policies/offline/run";
import { createPolicies, PACK_ENFORCEMENT_LEVEL } from "../../policies/rules";
import { Clock, systemClock } from "../../policies/lib/waivers";
import { parseOptions, stackOption } from "../args";
import { Command, EXIT_FINDINGS, EXIT_OK, UsageError } from "../command";
import { existingTeamsDir, TEAMS_OPTION } from "./check";

export interface PolicyCheckOptions {
  stack: string;
  teamsDir?: string;
  /** Waiver file (default: the project's platform/waivers.yaml). */
  waiversFile?: string;
  /** Policy pack config file (default `policies/config/<stack>.json`). */
  configFile?: string;
  /** Decides whether waivers are still in force (tests fix it). */
  clock?: Clock;
}

/**
 * Runs the program for a stack under the engine harness and the policy pack over every recorded
 * resource, as `pulumi preview --policy-pack policies --policy-pack-config <file>` would.
 */
export async function policyCheck(
  options: PolicyCheckOptions,
): Promise<OfflineRunResult & { resources: number }> {
  const configFile = path.resolve(
    options.configFile ?? path.join(PROJECT_ROOT, "policies", "config", `${options.stack}.json`),
  );
  const configName = path.relative(process.cwd(), configFile) || configFile;
  // Read before the program runs, so a missing or broken file fails fast.
  const config = readPackConfig(configFile, configName);
  const run = await runProgram({
    stack: options.stack,
    teamsDir: options.teamsDir,
    waiversFile: options.waiversFile,
    // Every team, also where the split layout deploys them in team stacks (docs/stacks.md).
    wholeOrganisation: true,
  });
  const result = await checkPolicies(run, { config, configFile: configName, clock: options.clock });
  return { ...result, resources: run.resources.length };
}

/** The policy pack over the resources of one recorded program run. */
export async function checkPolicies(
  run: ProgramRun,
  options: { config: ReturnType<typeof readPackConfig>; configFile: string; clock?: Clock },
): Promise<OfflineRunResult> {
  const environment = String(run.outputs.environment ?? run.stack);
  // What the engine passes as stack tags, plus the environment tag the policies read.
  const stackTags = new Map([
    ["pulumi:project", "kafka-platform"],
    ["pulumi:runtime", "nodejs"],
    [ENVIRONMENT_TAG, environment],
  ]);
  return runPoliciesOffline({
    sourceLines: declaredLines(run),
    policies: createPolicies(options.clock ?? systemClock),
    resources: run.resources.map((r) => ({ ...r, inputs: plain(r.inputs) as Record<string, unknown> })),
    stackTags,
    config: options.config,
    configFile: options.configFile,
    packEnforcementLevel: PACK_ENFORCEMENT_LEVEL,
  });
}

/**
 * File and line of every topic and user the run declares. The objects' source annotations name only
 * the team file (lines there made every edit update the objects below it), so the team folders they
 * name are read again for the lines; they validated in the program run, so a failure here only
 * leaves findings with the file alone.
 */
function declaredLines(run: ProgramRun): Map<string, string> {
  const folders = new Set<string>();
  for (const r of run.resources) {
    const source = (plain(r.inputs) as { metadata?: { annotations?: Record<string, unknown> } }).metadata
      ?.annotations?.[SOURCE_ANNOTATION];
    if (typeof source === "string") folders.add(path.posix.dirname(source));
  }
  const lines = new Map<string, string>();
  for (const folder of folders) {
    try {
      const org = loadTeams(path.resolve(folder), { displayDir: folder });
      for (const [key, at] of sourceLines(org)) lines.set(key, at);
    } catch {
      // Keep the file-only sources.
    }
  }
  return lines;
}

const OPTIONS = {
  stack: {
    type: "string",
    value: "S",
    description: "The stack to check (a Pulumi.<S>.yaml of the project), e.g. dev or prod.",
  },
  teams: TEAMS_OPTION,
  config: {
    type: "string",
    value: "FILE",
    description: "Policy pack config (default: policies/config/<S>.json, as CI passes to pulumi preview).",
  },
} as const;

export const policyCommand: Command = {
  name: "policy",
  summary: "Run the policy pack offline over a stack's resources; exit 1 on mandatory violations.",
  usage: "policy --stack S [--teams DIR] [--config FILE]",
  options: OPTIONS,
  examples: ["kafka-platform policy --stack prod", "kafka-platform policy --stack dev --teams path/to/teams"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const stack = stackOption(opts.stack);
    const teamsDir = opts.teams === undefined ? undefined : existingTeamsDir(opts.teams).dir;
    if (opts.config !== undefined && !statSync(opts.config, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`no such policy pack config file: ${JSON.stringify(opts.config.slice(0, 80))}`);
    }
    const result = await policyCheck({ stack, teamsDir, configFile: opts.config });
    for (const line of formatViolations(result.violations)) io.out(line);
    const mandatory = result.violations.filter((v) => v.level === "mandatory").length;
    const advisory = result.violations.length - mandatory;
    io.out(
      `${stack}: ${result.resources} resources checked, ${mandatory} mandatory and ${advisory} advisory violation(s)`,
    );
    return mandatory > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
