import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import {
  CODEOWNERS_FILE,
  codeownersDrift,
  parsePlatformOwners,
  PlatformOwners,
  platformOwnershipProblems,
  PLATFORM_OWNERS_FILE,
  renderCodeowners,
  teamOwnerProblems,
} from "../../core/codeowners";
import { UserError } from "../../core/errors";
import { loadTeams } from "../../core/teams";
import { readTextFile } from "../../core/validation/text-file";
import { locate, parseYamlSource, yamlSyntaxProblems, yamlValue } from "../../core/validation/yaml-source";
import { parseOptions } from "../args";
import { Command, EXIT_FINDINGS, EXIT_OK } from "../command";
import { existingTeamsDir } from "./check";

/** Reads `.github/platform-owners.yaml` from the repository root; located errors on bad content. */
function readPlatformOwners(root: string): PlatformOwners {
  const file = path.join(root, PLATFORM_OWNERS_FILE);
  if (!existsSync(file)) {
    throw new UserError([
      {
        file: PLATFORM_OWNERS_FILE,
        path: "",
        message: 'missing; declare the platform team, e.g. owners: ["@acme/kafka-platform"]',
      },
    ]);
  }
  const read = readTextFile(file, PLATFORM_OWNERS_FILE);
  if (read.problems) throw new UserError(read.problems);
  const source = parseYamlSource(PLATFORM_OWNERS_FILE, read.text);
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) throw new UserError(syntax);
  const { value, problems } = yamlValue(source);
  if (problems.length > 0) throw new UserError(problems);
  const parsed = parsePlatformOwners(value, (p, opts) => locate(source, p, opts));
  if (Array.isArray(parsed)) throw new UserError(parsed);
  return parsed;
}

const OPTIONS = {
  teams: { type: "string", value: "DIR", description: "Team files directory (default: teams)." },
  check: {
    type: "boolean",
    description: `Do not write: exit 1 when ${CODEOWNERS_FILE} is out of date or gives a platform-only path to anyone else.`,
  },
  stdout: {
    type: "boolean",
    description: "Print the generated file instead of writing it (with --check: after checking).",
  },
} as const;

export const codeownersCommand: Command = {
  name: "codeowners",
  summary: `Generate ${CODEOWNERS_FILE} from the team files' owners and ${PLATFORM_OWNERS_FILE}; --check fails when it is out of date.`,
  usage: "codeowners [--teams DIR] [--check] [--stdout]",
  options: OPTIONS,
  examples: ["kafka-platform codeowners --check"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    // Paths in CODEOWNERS are relative to the repository root: the working directory, as for every command.
    const root = process.cwd();
    const teamsDir = existingTeamsDir(opts.teams).dir;
    const teamsRel = path.relative(root, teamsDir).split(path.sep).join("/");
    const platform = readPlatformOwners(root);
    const org = loadTeams(teamsDir, { displayDir: teamsRel });
    const ownerProblems = teamOwnerProblems(org.teams);
    if (ownerProblems.length > 0) throw new UserError(ownerProblems);
    const expected = renderCodeowners(platform, org.teams, teamsRel);

    const target = path.join(root, CODEOWNERS_FILE);
    if (opts.check) {
      const committed = existsSync(target) ? readFileSync(target, "utf8") : undefined;
      const drift = codeownersDrift(committed, expected);
      const ownership = committed === undefined ? [] : platformOwnershipProblems(committed, platform);
      if (opts.stdout) io.out(expected.trimEnd());
      for (const problem of ownership) io.err(`kafka-platform codeowners: ${problem}`);
      if (drift)
        io.err(`kafka-platform codeowners: ${drift}; run \`npx kafka-platform codeowners\` and commit it`);
      if (drift || ownership.length > 0) return EXIT_FINDINGS;
      if (!opts.stdout) io.out(`${CODEOWNERS_FILE} is up to date (${org.teams.length} team files)`);
      return EXIT_OK;
    }
    if (opts.stdout) {
      io.out(expected.trimEnd());
      return EXIT_OK;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, expected);
    io.out(`wrote ${CODEOWNERS_FILE} (${org.teams.length} team files)`);
    return EXIT_OK;
  },
};
