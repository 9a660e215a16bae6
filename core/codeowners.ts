/**
 * `.github/CODEOWNERS` generated from the team files' `owners` and the platform team's paths, so
 * review rights follow the team files instead of being maintained by hand. Pure: the CLI
 * (`kafka-platform codeowners`) reads the files and writes or checks the result.
 *
 * GitHub applies the LAST matching pattern, so the order is: the platform team's default (`*`) and
 * the teams directory (so new team files need the platform team), one line per team file that
 * names owners, then the platform team's explicit paths and, last of all, `/platform/` (waivers and
 * other approvals): no line can give a team a platform path, wherever its team file lies.
 */
import { z } from "zod";
import { Problem } from "./errors";
import { formatPath, Locator, zodIssuesToProblems } from "./validation/zod-problems";

/** Where the platform team's ownership is declared (next to the file it generates). */
export const PLATFORM_OWNERS_FILE = ".github/platform-owners.yaml";
/** The generated file. */
export const CODEOWNERS_FILE = ".github/CODEOWNERS";
/** The platform team's own folder (waivers, approvals): its owners are the platform owners alone. */
export const PLATFORM_DIR_PATTERN = "/platform/";
/** Paths whose owners `codeowners --check` verifies are exactly the platform owners. */
export const PLATFORM_ONLY_PATHS = ["platform/waivers.yaml", "platform/change-approvals.yaml"];

/** A GitHub user (`@octocat`), team (`@acme/payments`) or e-mail address, as CODEOWNERS accepts. */
export const CODEOWNER =
  /^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

const Owner = z.string().regex(CODEOWNER, "must be a GitHub @user, @org/team or an e-mail address");
/** A CODEOWNERS path pattern: no whitespace and no `#` (they would need escaping). */
const Pattern = z.string().regex(/^[^\s#]+$/, "must be a CODEOWNERS pattern without spaces or #");

/** `.github/platform-owners.yaml`: the platform team and the paths it owns explicitly. */
export const PlatformOwners = z.strictObject({
  owners: z.array(Owner).min(1).describe("Owners of everything no team file claims (the `*` line)."),
  paths: z
    .record(Pattern, z.array(Owner).min(1).nullable())
    .optional()
    .describe("Paths listed explicitly, each with its owners (null: the platform owners)."),
});
export type PlatformOwners = z.infer<typeof PlatformOwners>;

/** What CODEOWNERS needs of a team (a subset of core/teams' `Team`). */
export interface TeamOwnership {
  name: string;
  /** Team file relative to the repository root, e.g. `teams/payments.yaml`. */
  file: string;
  owners: string[];
}

/** Validates the parsed platform owners file; problems name the file, the field and (with `locate`) the line. */
export function parsePlatformOwners(value: unknown, locate?: Locator): PlatformOwners | Problem[] {
  const result = PlatformOwners.safeParse(value);
  if (result.success) {
    const own = result.data.paths?.[PLATFORM_DIR_PATTERN];
    if (own && [...own].sort().join(" ") !== [...result.data.owners].sort().join(" ")) {
      return [
        {
          file: PLATFORM_OWNERS_FILE,
          ...locate?.(["paths", PLATFORM_DIR_PATTERN]),
          path: `paths.${PLATFORM_DIR_PATTERN}`,
          message: `${PLATFORM_DIR_PATTERN} (waivers, approvals) belongs to the platform owners alone; remove this entry or set it to null`,
        },
      ];
    }
    return result.data;
  }
  return zodIssuesToProblems(result.error.issues, {
    file: PLATFORM_OWNERS_FILE,
    schema: PlatformOwners,
    value,
    locate,
  });
}

/** Owners in team files that CODEOWNERS would not accept (GitHub then ignores the whole line). */
export function teamOwnerProblems(teams: readonly TeamOwnership[]): Problem[] {
  const problems: Problem[] = [];
  for (const team of teams) {
    team.owners.forEach((owner, i) => {
      if (!CODEOWNER.test(owner)) {
        problems.push({
          file: team.file,
          path: formatPath(["owners", i]),
          message: `${JSON.stringify(owner)} is not a GitHub owner; use @user, @org/team or an e-mail address`,
        });
      }
    });
  }
  return problems;
}

/** A repository-relative path as a CODEOWNERS pattern anchored at the root: `teams` → `/teams`. */
function anchored(repoPath: string): string {
  return `/${repoPath
    .replace(/\\/g, "/")
    .replace(/^(\.?\/)+/, "")
    .replace(/\/+$/, "")}`;
}

/** The whole CODEOWNERS text; deterministic (teams sorted by file) so `--check` can compare bytes. */
export function renderCodeowners(
  platform: PlatformOwners,
  teams: readonly TeamOwnership[],
  /** The team files' directory relative to the repository root (the CLI's `--teams`). */
  teamsDir = "teams",
): string {
  const platformLine = (pattern: string, owners: readonly string[] | null) =>
    [pattern, ...(owners ?? platform.owners)] as const;
  const teamsPattern = `${anchored(teamsDir)}/`;
  const explicit = Object.entries(platform.paths ?? {}).filter(
    ([p]) => p !== teamsPattern && p !== PLATFORM_DIR_PATTERN,
  );
  const defaultRows = [
    platformLine("*", null),
    platformLine(teamsPattern, platform.paths?.[teamsPattern] ?? null),
  ];
  const platformRows = [
    ...explicit.map(([pattern, owners]) => platformLine(pattern, owners)),
    platformLine(PLATFORM_DIR_PATTERN, null),
  ];
  const teamRows = [...teams]
    .filter((t) => t.owners.length > 0)
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((t) => [anchored(t.file), ...t.owners] as const);
  const unowned = teams.filter((t) => t.owners.length === 0).map((t) => t.name);

  const width = Math.max(...[...defaultRows, ...platformRows, ...teamRows].map((r) => r[0].length));
  const line = (row: readonly string[]) => `${row[0].padEnd(width)} ${row.slice(1).join(" ")}`;
  return [
    `# Generated by \`npx kafka-platform codeowners\` from ${teamsPattern.slice(1)}*.yaml (owners) and ${PLATFORM_OWNERS_FILE}.`,
    "# Do not edit: CI runs `kafka-platform codeowners --check` and fails when this file is out of date.",
    "# GitHub applies the last matching line.",
    "",
    "# The platform team: everything by default, and new team files.",
    ...defaultRows.map(line),
    "",
    "# Each team reviews its own team file.",
    ...teamRows.map(line),
    ...(unowned.length > 0 ? [`# Without owners (platform team reviews): ${unowned.sort().join(", ")}`] : []),
    "",
    `# Platform-only paths, after the team lines so that none of them applies here; ${PLATFORM_DIR_PATTERN} (waivers, approvals) last.`,
    ...platformRows.map(line),
    "",
  ].join("\n");
}

/**
 * Why `committed` is not `expected`, in one line (undefined when they are the same): the first
 * differing line, so the reader sees which team or path changed.
 */
export function codeownersDrift(committed: string | undefined, expected: string): string | undefined {
  if (committed === undefined) return `${CODEOWNERS_FILE} does not exist`;
  if (committed === expected) return undefined;
  const lines = (text: string) => text.replace(/\n$/, "").split("\n");
  const have = lines(committed);
  const want = lines(expected);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    if (have[i] !== want[i]) {
      const shown = (s: string | undefined) => (s === undefined ? "end of file" : JSON.stringify(s.trim()));
      return `${CODEOWNERS_FILE} is out of date at line ${i + 1}: has ${shown(have[i])}, expected ${shown(want[i])}`;
    }
  }
  return `${CODEOWNERS_FILE} is out of date`;
}

/** Whether a CODEOWNERS pattern matches a repository-relative file path (gitignore-style, as GitHub). */
export function codeownersPatternMatches(pattern: string, file: string): boolean {
  if (pattern === "*" || pattern === "**") return true;
  const anchoredPattern = pattern.startsWith("/") || pattern.replace(/\/$/, "").includes("/");
  const body = pattern.replace(/^\//, "");
  const directory = body.endsWith("/");
  const glob = (directory ? body.slice(0, -1) : body)
    .split("**")
    .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, "[^/]*"))
    .join(".*");
  // A pattern matches the path itself or (as a directory) everything below it.
  const re = new RegExp(`${anchoredPattern ? "^" : "(^|/)"}${glob}${directory ? "/" : "(/|$)"}`);
  return re.test(file);
}

/** The owners GitHub applies to `file` (the last matching line) and that line's number. */
export function ownersOf(text: string, file: string): { owners: string[]; line?: number } {
  let found: { owners: string[]; line?: number } = { owners: [] };
  text.split("\n").forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith("#")) return;
    const [pattern, ...owners] = l.split(/\s+/);
    if (codeownersPatternMatches(pattern, file)) found = { owners, line: i + 1 };
  });
  return found;
}

/** Platform-only paths that `text` gives to anyone but the platform owners, one message each. */
export function platformOwnershipProblems(text: string, platform: PlatformOwners): string[] {
  const want = [...platform.owners].sort().join(" ");
  return PLATFORM_ONLY_PATHS.flatMap((file) => {
    const { owners, line } = ownersOf(text, file);
    return [...owners].sort().join(" ") === want
      ? []
      : [
          `${CODEOWNERS_FILE}${line ? `:${line}` : ""}: ${file} is owned by ${owners.join(" ") || "nobody"}; it must be the platform owners alone (${platform.owners.join(" ")})`,
        ];
  });
}
