/**
 * `platform/change-approvals.yaml`: changes the platform team accepts deliberately (a topic
 * recreated, a namespace moved). The file lives in the platform-owned `/platform/` folder
 * (CODEOWNERS), and `diff` reads it from the base of the comparison, so an approval counts only
 * once the platform team has merged it: a team cannot accept its own destructive change by
 * editing its team file, nor by adding an approval in the same pull request.
 */
import { z } from "zod";
import { Problem, UserError } from "../errors";
import { locate, parseYamlSource, yamlSyntaxProblems, yamlValue } from "../validation/yaml-source";
import { zodIssuesToProblems } from "../validation/zod-problems";
import { Change, ChangeKind } from "./model";

export const CHANGE_APPROVALS_FILE = "platform/change-approvals.yaml";

const CHANGE_KINDS = [
  "team-added",
  "team-removed",
  "namespace-changed",
  "topic-created",
  "topic-deleted",
  "topic-renamed",
  "topic-moved",
  "partitions-changed",
  "replicas-changed",
  "cleanup-policy-changed",
  "retention-changed",
  "topic-config-changed",
  "deletion-policy-changed",
  "grant-added",
  "grant-revoked",
  "acl-rule-added",
  "acl-rule-removed",
  "quotas-changed",
  "credentials-created",
  "credentials-removed",
] as const satisfies readonly ChangeKind[];

export const ChangeApproval = z.strictObject({
  team: z.string().min(1).describe("The team whose change is accepted."),
  topic: z
    .string()
    .min(1)
    .optional()
    .describe("The topic (its old name for a rename); omit for team-level changes."),
  application: z
    .string()
    .min(1)
    .optional()
    .describe("The application, for its ACL, quota and credentials changes."),
  change: z.enum(CHANGE_KINDS).describe("The change kind as `diff` reports it."),
  reason: z.string().min(10, "must say why, in a sentence").describe("Why the change is accepted."),
  approver: z.string().min(1).describe("Who in the platform team accepted it."),
  expires: z.iso.date("must be an ISO date (YYYY-MM-DD)").describe("Last day the approval applies."),
});
export type ChangeApproval = z.infer<typeof ChangeApproval>;

export const ChangeApprovals = z.strictObject({
  approvals: z.array(ChangeApproval).describe("Accepted changes."),
});

/** An approval with the line it is written on. */
export interface LocatedApproval extends ChangeApproval {
  source: string;
}

/** Parses and validates the approvals file; throws a UserError with located problems. */
export function parseChangeApprovals(file: string, text: string): LocatedApproval[] {
  const source = parseYamlSource(file, text);
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) throw new UserError(syntax, `Invalid ${file}:`);
  // Alias expansion bounded (core/validation/yaml-source.ts), as for every YAML file the CLI reads.
  const expanded = yamlValue(source);
  if (expanded.problems.length > 0) throw new UserError(expanded.problems, `Invalid ${file}:`);
  const value: unknown = expanded.value ?? { approvals: [] };
  const result = ChangeApprovals.safeParse(value);
  if (!result.success) {
    const problems: Problem[] = zodIssuesToProblems(result.error.issues, {
      file,
      locate: (p, o) => locate(source, p, o),
      schema: ChangeApprovals,
      value,
    });
    throw new UserError(problems, `Invalid ${file}:`);
  }
  return result.data.approvals.map((a, i) => ({
    ...a,
    source: `${file}:${locate(source, ["approvals", i])?.line ?? 1}`,
  }));
}

/** Whether an approval names this change. */
function matches(a: ChangeApproval, c: Change): boolean {
  return (
    a.team === c.team &&
    a.change === c.kind &&
    (a.topic === undefined || a.topic === c.topic) &&
    (a.application === undefined || a.application === c.application) &&
    // A team-wide approval does not cover every topic: topic changes need the topic named.
    (c.topic === undefined || a.topic !== undefined)
  );
}

/**
 * Marks the changes that an approval in force on `today` (YYYY-MM-DD) accepts. Returns the
 * changes and a note per expired approval that would have matched.
 */
export function applyApprovals(
  changes: Change[],
  approvals: readonly LocatedApproval[],
  today: string,
): { changes: Change[]; notes: string[] } {
  const notes: string[] = [];
  const out = changes.map((c) => {
    const all = approvals.filter((a) => matches(a, c));
    const valid = all.find((a) => a.expires >= today);
    if (valid) {
      const { reason, approver, expires, source } = valid;
      return { ...c, accepted: { reason, approver, expires, source } };
    }
    for (const a of all) {
      notes.push(
        `${a.source}: the approval of ${c.kind} for ${c.topic ?? c.application ?? c.team} expired on ${a.expires}`,
      );
    }
    return c;
  });
  return { changes: out, notes: [...new Set(notes)] };
}
