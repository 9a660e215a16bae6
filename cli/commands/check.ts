import * as path from "path";
import { kafkaDefaults, strimziDefaults } from "../../core/config/kafka";
import { monitoringDefaults } from "../../core/config/monitoring";
import { displayDirOf, loadTeams, LoadTeamsOptions } from "../../core/teams";
import { parseOptions } from "../args";
import { Command, EXIT_OK } from "../command";

/** The team files directory of `--teams` (default `teams`), relative to the working directory. */
export function teamsDirOption(value: string | undefined): { dir: string; displayDir: string } {
  const dir = path.resolve(value ?? "teams");
  return { dir, displayDir: displayDirOf(dir, process.cwd()) };
}

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
        ]),
      ),
    ],
    reservedPrincipals: [...new Set(envs.flatMap((env) => field(kafkaDefaults(env), "adminUser")))],
  };
}

export const checkCommand: Command = {
  name: "check",
  summary: "Validate the team files (no stack needed); every problem as file:line:col, exit 1 if any.",
  usage: "check [--teams DIR]",
  async run(args, io) {
    const opts = parseOptions(args, { teams: { type: "string" } });
    const { dir, displayDir } = teamsDirOption(opts.teams);
    const org = loadTeams(dir, { displayDir, ...defaultReservations(), repositoryRoot: process.cwd() });
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    io.out(
      `${displayDir}: ${count(org.teams.length, "team")}, ${count(
        org.teams.reduce((n, t) => n + t.topics.length, 0),
        "topic",
      )}, ${count(
        org.teams.reduce((n, t) => n + t.applications.length, 0),
        "application",
      )}: OK`,
    );
    return EXIT_OK;
  },
};
