import * as path from "path";
import { loadTeams } from "../../core/teams";
import { applyWaiverFile, WAIVERS_FILE } from "../../core/waivers";
import { PROJECT_ROOT } from "../../harness/engine";
import { explainOrganisation } from "../../core/teams/explain";
import { didYouMean } from "../../core/validation/suggest";
import { parseOptions, stackOption } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";
import { defaultReservations, existingTeamsDir, TEAMS_OPTION } from "./check";
import { stackEnvironments } from "./diff";

const OPTIONS = {
  teams: TEAMS_OPTION,
  team: { type: "string", value: "T", description: "Explain only this team (default: every team)." },
  stacks: {
    type: "string",
    value: "S,...",
    description:
      'Show the values a team file leaves to the environment per stack (from Pulumi.<stack>.yaml) instead of "env default".',
  },
} as const;

export const explainCommand: Command = {
  name: "explain",
  summary: "Per application: every ACL rule with the intent behind it, quotas and credentials (Markdown).",
  usage: "explain [--teams DIR] [--team T] [--stacks dev,prod]",
  options: OPTIONS,
  examples: [
    "kafka-platform explain --team payments",
    "kafka-platform explain --team payments --stacks dev,prod",
  ],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const { dir, displayDir } = existingTeamsDir(opts.teams);
    const org = applyWaiverFile(
      loadTeams(dir, { displayDir, ...defaultReservations(), repositoryRoot: process.cwd() }),
      path.join(PROJECT_ROOT, WAIVERS_FILE),
    );
    const names = org.teams.map((t) => t.name);
    if (opts.team !== undefined && !names.includes(opts.team)) {
      throw new UsageError(
        `unknown team ${JSON.stringify(opts.team.slice(0, 40))}${didYouMean(opts.team, names)} (teams: ${names.join(", ")})`,
      );
    }
    io.out(
      explainOrganisation(
        org,
        org.teams.filter((t) => opts.team === undefined || t.name === opts.team),
        opts.stacks === undefined ? [] : stackEnvironments(opts.stacks.split(",").map((s) => stackOption(s))),
      ),
    );
    return EXIT_OK;
  },
};
