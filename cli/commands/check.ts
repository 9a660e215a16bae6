import { statSync } from "fs";
import * as path from "path";
import { kafkaDefaults, strimziDefaults } from "../../core/config/kafka";
import { addonsDefaults } from "../../core/config/addons";
import { monitoringDefaults } from "../../core/config/monitoring";
import { displayDirOf, loadTeams, LoadTeamsOptions } from "../../core/teams";
import { applyWaiverFile, WAIVERS_FILE } from "../../core/waivers";
import { PROJECT_ROOT } from "../../harness/engine";
import { parseOptions } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";

/** The team files directory of `--teams` (default `teams`), relative to the working directory. */
export function teamsDirOption(value: string | undefined): { dir: string; displayDir: string } {
  const dir = path.resolve(value ?? "teams");
  return { dir, displayDir: displayDirOf(dir, process.cwd()) };
}

/** `--teams` as an existing directory; a missing one is a usage error (exit 2), not a finding. */
export function existingTeamsDir(value: string | undefined): { dir: string; displayDir: string } {
  const option = teamsDirOption(value);
  if (!statSync(option.dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(
      `no such directory of team files: ${JSON.stringify(option.displayDir.slice(0, 80))}${value === undefined ? " (run in the repository root or pass --teams DIR)" : ""}`,
    );
  }
  return option;
}

/** `--teams` as an option every team-reading command accepts. */
export const TEAMS_OPTION = {
  type: "string",
  value: "DIR",
  description: "Directory of the team files (default: teams).",
} as const;

/**
 * Names the platform itself uses with the default configuration of every environment (stacks may
 * differ; `pulumi up` checks against the stack's own). Keeps `check` environment-independent.
 */
export function defaultReservations(): Pick<LoadTeamsOptions, "reservedNamespaces" | "reservedPrincipals"> {
  const envs = ["dev", "prod"] as const;
  const field = (o: Record<string, unknown>, key: string) =>
    typeof o[key] === "string" ? [o[key] as string] : [];
  return {
    reservedNamespaces: [
      ...new Set(
        envs.flatMap((env) => [
          ...field(kafkaDefaults(env), "namespace"),
          ...field(strimziDefaults(env), "namespace"),
          ...field(monitoringDefaults(env), "namespace"),
          ...Object.values(addonsDefaults(env)).flatMap((addon) =>
            field(addon as Record<string, unknown>, "namespace"),
          ),
        ]),
      ),
    ],
    reservedPrincipals: [...new Set(envs.flatMap((env) => field(kafkaDefaults(env), "adminUser")))],
  };
}

const OPTIONS = { teams: TEAMS_OPTION } as const;

export const checkCommand: Command = {
  name: "check",
  summary: `Validate the team files and ${WAIVERS_FILE} (no stack needed); every problem as file:line:col, exit 1 if any.`,
  usage: "check [--teams DIR]",
  options: OPTIONS,
  examples: ["kafka-platform check", "kafka-platform check --teams path/to/teams"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const { dir, displayDir } = existingTeamsDir(opts.teams);
    const teams = loadTeams(dir, { displayDir, ...defaultReservations(), repositoryRoot: process.cwd() });
    // The waivers the platform team approved must name existing teams, resources and policies.
    const waiversPath = path.join(PROJECT_ROOT, WAIVERS_FILE);
    const org = applyWaiverFile(teams, waiversPath, { file: displayDirOf(waiversPath, process.cwd()) });
    const waivers = org.teams.reduce((n, t) => n + t.waivers.length, 0);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    io.out(
      `${displayDir}: ${count(org.teams.length, "team")}, ${count(
        org.teams.reduce((n, t) => n + t.topics.length, 0),
        "topic",
      )}, ${count(
        org.teams.reduce((n, t) => n + t.applications.length, 0),
        "application",
      )}${waivers > 0 ? `, ${count(waivers, "waiver")}` : ""}: OK`,
    );
    return EXIT_OK;
  },
};
