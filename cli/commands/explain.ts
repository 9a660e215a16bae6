import { loadTeams } from "../../core/teams";
import { explainOrganisation } from "../../core/teams/explain";
import { didYouMean } from "../../core/validation/suggest";
import { parseOptions } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";
import { defaultReservations, teamsDirOption } from "./check";

export const explainCommand: Command = {
  name: "explain",
  summary: "Per application: every ACL rule with the intent behind it, quotas and credentials (Markdown).",
  usage: "explain [--teams DIR] [--team T]",
  async run(args, io) {
    const opts = parseOptions(args, { teams: { type: "string" }, team: { type: "string" } });
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
      ),
    );
    return EXIT_OK;
  },
};
