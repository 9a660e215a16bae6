import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { teamStackName } from "../../../core/stacks/plan";
import {
  offlineCrdsFile,
  PROJECT_ROOT,
  ProgramRun,
  RecordedResource,
  RunOptions,
  runProgram,
  teamStackInput,
} from "../../../harness/engine";

/** The configuration override that turns a committed stack into the split layout. */
export const SPLIT = { stacks: { layout: "split" } };

export const KAFKA_TEAM = "kafka-platform:teams:KafkaTeam";
export const GROUP_CONFIGS = "kafka-platform:kafka:GroupConfigs";
export const K8S_PROVIDER = "pulumi:providers:kubernetes";

/** The example teams (`teams/*.yaml`), in team-file order. */
export const EXAMPLE_TEAMS = ["billing", "fraud", "payments"];

/** `urn` with its stack segment renamed, as `pulumi state move` leaves it in the destination stack. */
export function inStack(urn: string, stack: string): string {
  return urn.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`);
}

/**
 * The resources each team owns in a run, by team: its KafkaTeam and GroupConfigs components and
 * everything under them (parents are registered before their children).
 */
export function teamSubtrees(run: ProgramRun): Map<string, RecordedResource[]> {
  const owner = new Map<string, string>();
  const byTeam = new Map<string, RecordedResource[]>();
  for (const r of run.resources) {
    const team =
      r.type === KAFKA_TEAM
        ? r.name
        : r.type === GROUP_CONFIGS
          ? r.name.replace(/-group-configs$/, "")
          : r.parent && owner.get(r.parent);
    if (!team) continue;
    owner.set(r.urn, team);
    byTeam.set(team, [...(byTeam.get(team) ?? []), r]);
  }
  return byTeam;
}

/** A run's resources that no team owns (the platform's). */
export function platformResources(run: ProgramRun): RecordedResource[] {
  const owned = new Set([...teamSubtrees(run).values()].flat().map((r) => r.urn));
  return run.resources.filter((r) => !owned.has(r.urn));
}

/** The one Kubernetes provider of a run. */
export function providerOf(run: ProgramRun): RecordedResource {
  const providers = run.resources.filter((r) => r.type === K8S_PROVIDER);
  if (providers.length !== 1) throw new Error(`expected one Kubernetes provider, got ${providers.length}`);
  return providers[0];
}

/** The platform stack of `stack` in the split layout, and one team stack run per group. */
export async function splitRuns(
  stack: string,
  configOverrides: Record<string, unknown> = SPLIT,
  groups = EXAMPLE_TEAMS,
): Promise<{ platform: ProgramRun; teams: Map<string, ProgramRun> }> {
  const platform = await runProgram({ stack, configOverrides });
  const teamStack = teamStackInput(platform, { configOverrides });
  const teams = new Map<string, ProgramRun>();
  for (const group of groups) {
    teams.set(group, await runProgram({ stack: teamStackName(stack, group), teamStack }));
  }
  return { platform, teams };
}

/**
 * Runs the program and returns what it threw and what it had registered by then (`runProgram`
 * rethrows, so a test could not see that nothing was registered).
 */
export async function attempt(options: RunOptions): Promise<{ error: unknown; run: ProgramRun }> {
  const { platformProgram } = await import("../../../program");
  let error: unknown;
  const run = await runProgram({
    ...options,
    program: async () => {
      try {
        return await platformProgram({
          projectRoot: options.projectRoot,
          teamsDir: options.teamsDir,
          waiversFile: options.waiversFile,
          resolveCrdsFile: offlineCrdsFile,
          teamStack: options.teamStack,
        });
      } catch (e) {
        error = e;
        return {};
      }
    },
  });
  return { error, run };
}

/**
 * A copy of the project's prod stack file with `lines` appended under `config:`, in a new project
 * directory with the example teams, schemas and waivers (the program reads them relative to it).
 */
export function prodProjectWith(lines: string): { root: string; text: string } {
  const root = mkdtempSync(path.join(tmpdir(), "kp-split-"));
  for (const dir of ["teams", "schemas", "platform"])
    cpSync(path.join(PROJECT_ROOT, dir), path.join(root, dir), { recursive: true });
  const text = `${readFileSync(path.join(PROJECT_ROOT, "Pulumi.prod.yaml"), "utf8")}${lines}`;
  writeFileSync(path.join(root, "Pulumi.prod.yaml"), text);
  return { root, text };
}
