import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import { buildCatalog, renderSite } from "../../core/catalog";
import { loadTeams } from "../../core/teams";
import { parseOptions, required } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";
import { defaultReservations, existingTeamsDir, TEAMS_OPTION } from "./check";

/** Marks a folder the catalog wrote, so a later run may replace it (and only such a folder). */
export const CATALOG_MARKER = ".kafka-platform-catalog";

/** Empties a previous catalog in `dir`; refuses any other non-empty folder. */
function prepareOutput(dir: string, shown: string): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${shown} is not a folder`);
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  if (!entries.includes(CATALOG_MARKER)) {
    throw new UsageError(
      `--out ${shown} is not empty and holds no earlier catalog; choose a new or empty folder`,
    );
  }
  for (const entry of entries) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

const OPTIONS = {
  out: {
    type: "string",
    value: "DIR",
    description:
      "Folder to write the site to (created; an earlier catalog there is replaced, any other content refused); open DIR/index.html.",
  },
  teams: TEAMS_OPTION,
} as const;

export const catalogCommand: Command = {
  name: "catalog",
  summary: "Write the topic catalog and data-flow map of the team files as a static site (HTML, no server).",
  usage: "catalog --out DIR [--teams DIR]",
  options: OPTIONS,
  examples: ["kafka-platform catalog --out out/catalog"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const out = path.resolve(required(opts.out, "out"));
    const { dir, displayDir } = existingTeamsDir(opts.teams);
    // Everything is validated and rendered before the folder is touched: a broken organisation leaves no site.
    const org = loadTeams(dir, { displayDir, ...defaultReservations(), repositoryRoot: process.cwd() });
    const catalog = buildCatalog(org);
    const files = renderSite(catalog);
    const shown = path.relative(process.cwd(), out) || ".";
    prepareOutput(out, shown);
    for (const [file, content] of files) {
      const target = path.join(out, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    writeFileSync(
      path.join(out, CATALOG_MARKER),
      "Written by `kafka-platform catalog`; replaced on every run.\n",
    );
    io.out(
      `${displayDir}: catalog of ${catalog.teams.length} teams, ${catalog.topics.length} topics and ${catalog.flows.length} flows written to ${shown}/index.html`,
    );
    return EXIT_OK;
  },
};
