/**
 * `--changed-since REF`: the team stacks whose desired state may differ from REF's. A team counts
 * as changed when its validated model differs (a grantee's model changes once its applications use
 * the grant, not with the grant alone); every team stack counts when anything but team files and documentation changed
 * (the program, the stack files, the waivers, the lockfile): over-inclusion costs a preview, never a miss.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as path from "path";
import type { Organisation, Team } from "../../core/teams";
import type { StackPlan } from "../../core/stacks/plan";
import { UsageError } from "../command";

/** A digest of what a team stack declares for a team (its validated model, source lines left out). */
export function teamDigest(team: Team): string {
  const withoutSources = JSON.stringify(team, (key, value) => (key === "source" ? undefined : value));
  return createHash("sha256").update(withoutSources).digest("hex");
}

/** Paths whose change cannot alter any stack. */
const INERT = [
  /^docs\//,
  /\.md$/,
  /^tests\//,
  /^\.github\//,
  /^policies\/tests\//,
  /^examples\//,
  /^bench\//,
];

/** Files changed between REF and the working tree, relative to the repository root. */
export function changedPaths(repoRoot: string, ref: string): string[] {
  const r = spawnSync("git", ["diff", "--name-only", ref, "--"], { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0)
    throw new UsageError(`--changed-since: git cannot compare with ${JSON.stringify(ref.slice(0, 60))}`);
  const untracked = spawnSync("git", ["ls-files", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return [...r.stdout.split("\n"), ...(untracked.stdout ?? "").split("\n")].filter(Boolean);
}

/**
 * The team stacks to run: those holding a team whose model differs from the base's (or that is
 * new), or all when a path outside the team files changed (or the base is not a valid
 * organisation); and always the `removed` ones (existing stacks whose teams are gone: their
 * deletions are the change).
 */
export function affectedTeamStacks(
  plan: StackPlan,
  head: Organisation,
  base: Organisation | undefined,
  paths: readonly string[],
  teamsDirInRepo: string,
  removed: readonly string[] = [],
): string[] {
  const teamsPrefix = `${teamsDirInRepo.split(path.sep).join("/").replace(/\/$/, "")}/`;
  const platformInput = paths.some((p) => !p.startsWith(teamsPrefix) && !INERT.some((re) => re.test(p)));
  if (platformInput || !base) return [...plan.teamStacks.map((s) => s.name), ...removed];
  const before = new Map(base.teams.map((t) => [t.name, teamDigest(t)]));
  const changed = new Set(head.teams.filter((t) => before.get(t.name) !== teamDigest(t)).map((t) => t.name));
  return [
    ...plan.teamStacks.filter((s) => s.teams.some((t) => changed.has(t))).map((s) => s.name),
    ...removed,
  ];
}
