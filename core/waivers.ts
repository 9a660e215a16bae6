/**
 * Waivers: accepted, expiring exceptions to policy pack rules. They live in the platform-owned
 * `platform/waivers.yaml` (CODEOWNERS gives `/platform/` to the platform team only), never in team
 * files, so a team cannot turn a mandatory policy into an advisory by editing its own file. Each
 * names the team, the resource, the policy, the reason, the approver and an expiry at most
 * `maxDays` (default 90) ahead.
 */
import { z } from "zod";
import { CODEOWNER } from "./codeowners";
import { Problem, UserError } from "./errors";
import { POLICY_NAMES } from "./policy-names";
import { Organisation } from "./teams/model";
import { didYouMean } from "./validation/suggest";
import { readTextFile } from "./validation/text-file";
import { locate, parseYamlSource, yamlSyntaxProblems, yamlValue } from "./validation/yaml-source";
import { formatPath, zodIssuesToProblems } from "./validation/zod-problems";
import { excerpt } from "./validation/excerpt";

/** The waiver file, relative to the project root. */
export const WAIVERS_FILE = "platform/waivers.yaml";
/** Furthest a waiver may expire from today, unless the file sets `maxDays`. */
export const DEFAULT_MAX_WAIVER_DAYS = 90;

/** A waiver as the objects it applies to carry it (annotation `kafka-platform.io/waivers`). */
export interface Waiver {
  policy: string;
  /** Topic or application name of the team. */
  resource: string;
  reason: string;
  /** Who in the platform team approved it. */
  approver: string;
  /** Last day it applies (`YYYY-MM-DD`, UTC). */
  expires: string;
}

const WaiverEntry = z.strictObject({
  team: z.string().min(1).describe("The team whose resource is waived."),
  resource: z.string().min(1).describe("Topic or application name of that team."),
  policy: z.string().min(1).describe("Policy pack rule name."),
  reason: z.string().trim().min(1).describe("Why the exception is acceptable."),
  approver: z
    .string()
    .regex(CODEOWNER, "must be a GitHub @user, @org/team or an e-mail address")
    .describe("Who in the platform team approved it."),
  expires: z.iso.date("must be an ISO date (YYYY-MM-DD)").describe("Last day the waiver applies."),
});

export const WaiversFile = z.strictObject({
  maxDays: z
    .number()
    .int()
    .min(1)
    .max(366)
    .optional()
    .describe(`Furthest a waiver may expire, in days from today (default ${DEFAULT_MAX_WAIVER_DAYS}).`),
  waivers: z.array(WaiverEntry).nullable().optional(),
});

/** `YYYY-MM-DD` of a date (UTC). */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Reads and validates the waiver file against the organisation and returns the organisation with
 * each waiver attached to the topic or application it names. A missing file means no waivers.
 * Throws a UserError with every problem.
 */
export function applyWaiverFile(
  org: Organisation,
  fullPath: string,
  opts: { file?: string; today?: Date } = {},
): Organisation {
  const file = opts.file ?? WAIVERS_FILE;
  const read = readTextFile(fullPath, file);
  if (read.problems) {
    if (read.problems[0].message === "the file does not exist") return org;
    throw new UserError(read.problems);
  }
  const { waivers, problems } = parseWaivers(file, read.text, org, opts.today ?? new Date());
  if (problems.length > 0) throw new UserError(problems, `Invalid waivers (${problems.length} problem(s)):`);
  return attachWaivers(org, waivers);
}

/** Parses the waiver file's text and checks every entry; `waivers` holds the valid ones. */
export function parseWaivers(
  file: string,
  text: string,
  org: Organisation,
  today: Date,
): { waivers: (Waiver & { team: string })[]; problems: Problem[] } {
  const source = parseYamlSource(file, text);
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) return { waivers: [], problems: syntax };
  const { value, problems: aliasProblems } = yamlValue(source);
  if (aliasProblems.length > 0) return { waivers: [], problems: aliasProblems };
  const parsed = WaiversFile.safeParse(value ?? {});
  const at = (path: (string | number)[], message: string): Problem => ({
    file,
    ...locate(source, path),
    path: formatPath(path),
    message,
  });
  if (!parsed.success) {
    return {
      waivers: [],
      problems: zodIssuesToProblems(parsed.error.issues, {
        file,
        locate: (p, o) => locate(source, p, o),
        schema: WaiversFile,
        value,
      }),
    };
  }
  const maxDays = parsed.data.maxDays ?? DEFAULT_MAX_WAIVER_DAYS;
  const latest = isoDay(new Date(Date.parse(`${isoDay(today)}T00:00:00Z`) + maxDays * 86_400_000));
  const problems: Problem[] = [];
  const waivers: (Waiver & { team: string })[] = [];
  const teams = new Map(org.teams.map((t) => [t.name, t]));
  for (const [i, w] of (parsed.data.waivers ?? []).entries()) {
    const before = problems.length;
    if (!(POLICY_NAMES as readonly string[]).includes(w.policy)) {
      problems.push(
        at(
          ["waivers", i, "policy"],
          `${excerpt(w.policy)} is not a policy of the pack${didYouMean(w.policy, POLICY_NAMES)}`,
        ),
      );
    }
    const team = teams.get(w.team);
    if (!team) {
      problems.push(
        at(
          ["waivers", i, "team"],
          `${excerpt(w.team)} is not a team${didYouMean(w.team, [...teams.keys()])}`,
        ),
      );
    } else {
      const names = [...team.topics.map((t) => t.name), ...team.applications.map((a) => a.name)];
      if (!names.includes(w.resource)) {
        problems.push(
          at(
            ["waivers", i, "resource"],
            `${excerpt(w.resource)} is neither a topic nor an application of team "${team.name}"${didYouMean(w.resource, names)}`,
          ),
        );
      }
    }
    if (w.expires > latest) {
      problems.push(
        at(
          ["waivers", i, "expires"],
          `${w.expires} is more than ${maxDays} days ahead; a waiver expires by ${latest} at the latest (then it is reviewed again)`,
        ),
      );
    }
    if (problems.length === before) {
      waivers.push({
        team: w.team,
        resource: w.resource,
        policy: w.policy,
        reason: w.reason,
        approver: w.approver,
        expires: w.expires,
      });
    }
  }
  return { waivers, problems };
}

/** The organisation with each waiver on the team, topic or application it names. */
export function attachWaivers(
  org: Organisation,
  waivers: readonly (Waiver & { team: string })[],
): Organisation {
  if (waivers.length === 0) return org;
  const strip = ({ team: _team, ...w }: Waiver & { team: string }): Waiver => w;
  return {
    ...org,
    teams: org.teams.map((team) => {
      const own = waivers.filter((w) => w.team === team.name).map(strip);
      if (own.length === 0) return team;
      return {
        ...team,
        waivers: own,
        topics: team.topics.map((t) => ({ ...t, waivers: own.filter((w) => w.resource === t.name) })),
        applications: team.applications.map((a) => ({
          ...a,
          waivers: own.filter((w) => w.resource === a.name),
        })),
      };
    }),
  };
}
