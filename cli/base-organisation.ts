/**
 * The base of `diff`: a directory of team files, or the team files at a git ref of the repository,
 * read with `git ls-tree` and `git cat-file` (never a checkout, so the working tree stays as it
 * is). Either way the organisation is validated by the same loader as `check`.
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { CHANGE_APPROVALS_FILE, LocatedApproval, parseChangeApprovals } from "../core/diff";
import { Problem, UserError } from "../core/errors";
import {
  displayDirOf,
  loadTeams,
  LoadTeamsOptions,
  Organisation,
  parseTeamFile,
  validateTeamFiles,
} from "../core/teams";
import { UsageError } from "./command";

export interface BaseOrganisation {
  organisation: Organisation;
  /** The approvals in force at the base (none when the base has no approvals file). */
  approvals: LocatedApproval[];
}

/** Runs git with arguments (no shell); stdout, or undefined when git fails. */
function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** Rethrows the base's problems with a heading that says they are the base's, not the change's. */
function asBase<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof UserError) {
      // Said in every message: the CLI prints problems one per line, without the heading.
      const problems = e.problems.map((p) => ({ ...p, message: `in the base (${what}): ${p.message}` }));
      throw new UserError(problems, `The base (${what}) is not a valid organisation:`);
    }
    throw e;
  }
}

/** Approvals from a file on disk, if it exists. */
function approvalsFromFile(file: string, display: string): LocatedApproval[] {
  if (!existsSync(file)) return [];
  return parseChangeApprovals(display, readFileSync(file, "utf8"));
}

/**
 * Reads the base. `teamsDir` is the head's team directory (absolute): at a git ref, the same path
 * relative to the repository root is read. `approvalsFile` overrides where approvals come from.
 */
export function readBase(
  base: string,
  teamsDir: string,
  opts: LoadTeamsOptions & { approvalsFile?: string },
): BaseOrganisation {
  const { approvalsFile, ...loadOptions } = opts;
  const explicitApprovals = approvalsFile
    ? approvalsFromFile(path.resolve(approvalsFile), displayDirOf(path.resolve(approvalsFile), process.cwd()))
    : undefined;
  const dir = path.resolve(base);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const displayDir = displayDirOf(dir, process.cwd());
    const organisation = asBase(displayDir, () => loadTeams(dir, { ...loadOptions, displayDir }));
    const approvals =
      explicitApprovals ?? approvalsFromFile(path.resolve(CHANGE_APPROVALS_FILE), CHANGE_APPROVALS_FILE);
    return { organisation, approvals };
  }
  return readGitBase(base, teamsDir, loadOptions, explicitApprovals);
}

function readGitBase(
  ref: string,
  teamsDir: string,
  loadOptions: LoadTeamsOptions,
  explicitApprovals: LocatedApproval[] | undefined,
): BaseOrganisation {
  // A ref that starts with "-" would be read by git as an option.
  if (ref.startsWith("-")) throw new UsageError(`--base "${ref}" is neither a directory nor a git ref`);
  const cwd = existsSync(teamsDir) ? teamsDir : process.cwd();
  const root = git(cwd, ["rev-parse", "--show-toplevel"])?.trim();
  if (!root)
    throw new UsageError(
      `--base "${ref}" is no directory, and ${displayDirOf(cwd, process.cwd())} is not in a git repository`,
    );
  const commit = git(root, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${ref}^{commit}`,
  ])?.trim();
  if (!commit) {
    throw new UsageError(
      `--base "${ref}" is neither a directory nor a git ref of ${root} (fetch it first, e.g. git fetch origin main)`,
    );
  }
  const relative = path.relative(root, teamsDir).split(path.sep).join("/");
  if (relative.startsWith(".."))
    throw new UsageError(`--teams ${teamsDir} is outside the git repository ${root}`);
  const displayDir = `${ref}:${relative || "."}`;
  const entries = (
    git(root, ["ls-tree", "-z", "--full-tree", commit, "--", relative ? `${relative}/` : "."]) ?? ""
  )
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta, name] = line.split("\t");
      const [mode, type, sha] = meta.split(" ");
      return { mode, type, sha, name: path.posix.basename(name) };
    })
    .filter((e) => e.type === "blob" && /\.ya?ml$/.test(e.name) && !e.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name));
  const organisation = asBase(displayDir, () => {
    const problems: Problem[] = [];
    const parsed = entries.flatMap((e) => {
      const file = `${displayDir}/${e.name}`;
      if (e.mode === "120000") {
        problems.push({ file, path: "", message: "is a symbolic link; team files must be regular files" });
        return [];
      }
      const text = git(root, ["cat-file", "blob", e.sha]);
      if (text === undefined) {
        problems.push({ file, path: "", message: "cannot be read from git" });
        return [];
      }
      const result = parseTeamFile(file, e.name.replace(/\.ya?ml$/, ""), text);
      problems.push(...result.problems);
      return [result.parsed];
    });
    return validateTeamFiles(parsed, problems, loadOptions);
  });
  const approvals =
    explicitApprovals ??
    asBase(`${ref}:${CHANGE_APPROVALS_FILE}`, () => {
      const text = git(root, ["cat-file", "blob", `${commit}:${CHANGE_APPROVALS_FILE}`]);
      return text === undefined ? [] : parseChangeApprovals(`${ref}:${CHANGE_APPROVALS_FILE}`, text);
    });
  return { organisation, approvals };
}
