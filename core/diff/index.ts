/**
 * Change-aware review: the base organisation (what runs) against the head (what a pull request
 * proposes) → detected changes → classified changes → accepted changes → a report. Pure; the CLI
 * (`kafka-platform diff`) reads the two organisations and the approvals.
 */
import { Organisation } from "../teams/model";
import { applyApprovals, LocatedApproval } from "./approvals";
import { detectChanges } from "./changes";
import { classify } from "./classify";
import { DIFF_REPORT_VERSION, DiffReport, EnvironmentFacts } from "./model";

export * from "./model";
export { DIFF_STACKS, environmentFacts } from "./environments";
export { CHANGE_APPROVALS_FILE, parseChangeApprovals } from "./approvals";
export type { LocatedApproval } from "./approvals";
export { formatReport } from "./format";
export type { ReportFormat } from "./format";

export interface DiffOptions {
  /** Names as the user gave them, for the report. */
  base: string;
  head: string;
  envs: readonly EnvironmentFacts[];
  approvals?: readonly LocatedApproval[];
  /** Today as YYYY-MM-DD (approvals apply through their `expires` day). */
  today: string;
}

export function diffOrganisations(base: Organisation, head: Organisation, opts: DiffOptions): DiffReport {
  const classified = detectChanges(base, head, opts.envs).map((c) => classify(c, opts.envs));
  const { changes, notes } = applyApprovals(classified, opts.approvals ?? [], opts.today);
  const count = (severity: string) => changes.filter((c) => !c.accepted && c.severity === severity).length;
  return {
    version: DIFF_REPORT_VERSION,
    base: opts.base,
    head: opts.head,
    environments: opts.envs.map((e) => e.name),
    summary: {
      error: count("error"),
      warning: count("warning"),
      info: count("info"),
      accepted: changes.filter((c) => c.accepted).length,
    },
    changes,
    teams: [...new Set(changes.map((c) => c.team))].sort(),
    notes,
  };
}

/** Whether the report fails a review: an error nobody accepted. */
export function hasErrors(report: DiffReport): boolean {
  return report.summary.error > 0;
}
