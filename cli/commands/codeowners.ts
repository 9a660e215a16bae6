import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import {
  CODEOWNERS_FILE,
  codeownersDrift,
  parsePlatformOwners,
  PlatformOwners,
  PLATFORM_OWNERS_FILE,
  renderCodeowners,
  teamOwnerProblems,
} from "../../core/codeowners";
import { UserError } from "../../core/errors";
import { loadTeams } from "../../core/teams";
import { locate, parseYamlSource, yamlSyntaxProblems } from "../../core/validation/yaml-source";
import { parseOptions } from "../args";
import { Command, EXIT_FINDINGS, EXIT_OK } from "../command";

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
  const source = parseYamlSource(PLATFORM_OWNERS_FILE, readFileSync(file, "utf8"));
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) throw new UserError(syntax);
  const parsed = parsePlatformOwners(source.doc.toJS(), (p, opts) => locate(source, p, opts));
  if (Array.isArray(parsed)) throw new UserError(parsed);
  return parsed;
}

export const codeownersCommand: Command = {
  name: "codeowners",
  summary: `Generate ${CODEOWNERS_FILE} from the team files' owners and ${PLATFORM_OWNERS_FILE}; --check fails when it is out of date.`,
  usage: "codeowners [--teams DIR] [--check] [--stdout]",
  async run(args, io) {
    const opts = parseOptions(args, {
      teams: { type: "string" },
      check: { type: "boolean" },
      stdout: { type: "boolean" },
    });
    // Paths in CODEOWNERS are relative to the repository root: the working directory, as for every command.
    const root = process.cwd();
    const teamsDir = path.resolve(root, opts.teams ?? "teams");
    const teamsRel = path.relative(root, teamsDir).split(path.sep).join("/");
    const platform = readPlatformOwners(root);
    const org = loadTeams(teamsDir, { displayDir: teamsRel });
    const ownerProblems = teamOwnerProblems(org.teams);
    if (ownerProblems.length > 0) throw new UserError(ownerProblems);
    const expected = renderCodeowners(platform, org.teams, teamsRel);

    if (opts.stdout) {
      io.out(expected.trimEnd());
      return EXIT_OK;
    }
    const target = path.join(root, CODEOWNERS_FILE);
    if (opts.check) {
      const drift = codeownersDrift(existsSync(target) ? readFileSync(target, "utf8") : undefined, expected);
      if (drift) {
        io.err(`kafka-platform codeowners: ${drift}; run \`npx kafka-platform codeowners\` and commit it`);
        return EXIT_FINDINGS;
      }
      io.out(`${CODEOWNERS_FILE} is up to date (${org.teams.length} team files)`);
      return EXIT_OK;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, expected);
    io.out(`wrote ${CODEOWNERS_FILE} (${org.teams.length} team files)`);
    return EXIT_OK;
  },
};
