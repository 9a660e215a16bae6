import { loadTeams } from "../../core/teams";
import { explainOrganisation } from "../../core/teams/explain";
import { didYouMean } from "../../core/validation/suggest";
import { parseOptions } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";
import { defaultReservations, teamsDirOption } from "./check";
import { stackEnvironments } from "./diff";

export const explainCommand: Command = {
  name: "explain",
  summary: "Per application: every ACL rule with the intent behind it, quotas and credentials (Markdown).",
  usage: "explain [--teams DIR] [--team T] [--stacks dev,prod]",
  help: [
    "Options:",
    "  --teams DIR      the team files (default: teams)",
    "  --team T         only this team",
    "  --stacks S,...   show the values a team file leaves to the environment per stack (from",
    '                   Pulumi.<stack>.yaml) instead of "env default"',
    "",
    "Example: kafka-platform explain --team payments --stacks dev,prod",
  ].join("\n"),
  async run(args, io) {
    const opts = parseOptions(args, {
      teams: { type: "string" },
      team: { type: "string" },
      stacks: { type: "string" },
    });
    const { dir, displayDir } = teamsDirOption(opts.teams);
    const org = loadTeams(dir, { displayDir, ...defaultReservations(), repositoryRoot: process.cwd() });
    const names = org.teams.map((t) => t.name);
    if (opts.team !== undefined && !names.includes(opts.team)) {
      throw new UsageError(
        `unknown team "${opts.team}"${didYouMean(opts.team, names)} (teams: ${names.join(", ")})`,
      );
    }
    io.out(
      explainOrganisation(
        org,
        org.teams.filter((t) => opts.team === undefined || t.name === opts.team),
        opts.stacks === undefined ? [] : stackEnvironments(opts.stacks.split(",")),
      ),
    );
    return EXIT_OK;
  },
};
