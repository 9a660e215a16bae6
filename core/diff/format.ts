/**
 * The report for people (text for terminals, Markdown for pull-request comments) and for programs
 * (JSON, the documented contract of docs/change-review.md).
 */
import { formatMs } from "../teams/explain";
import { CHANGE_APPROVALS_FILE } from "./approvals";
import { Change, DiffReport, ReportValue, Severity, ValueChange } from "./model";

export type ReportFormat = "text" | "markdown" | "json";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "markdown", "json"];

export function formatReport(report: DiffReport, format: ReportFormat): string {
  if (format === "json") return JSON.stringify(report, null, 2);
  return format === "markdown" ? markdown(report) : text(report);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word === "info" ? "" : "s"}`;

function totals(report: DiffReport): string {
  const { error, warning, info, accepted } = report.summary;
  return [
    plural(error, "error"),
    plural(warning, "warning"),
    plural(info, "info"),
    `${accepted} accepted`,
  ].join(", ");
}

/** A value for people: durations of `retention.ms` as `7d`, -1 as `infinite`. */
function show(v: ReportValue, field?: string): string {
  if (v === null) return "unset";
  if (field === "retention.ms" && typeof v === "number") return v === -1 ? "infinite" : formatMs(v);
  return String(v);
}

function oldToNew(c: Change): string {
  if (c.environments) {
    return Object.entries(c.environments)
      .map(([env, v]) => `${env} ${show(v!.old, c.field)} → ${show(v!.new, c.field)}`)
      .join(", ");
  }
  const v: ValueChange | undefined = c.value;
  return v ? `${show(v.old)} → ${show(v.new)}` : "";
}

/** What the change is about: `payments.orders.v1 partitions`, `order-service topic payments.x (literal) Write, Describe`. */
function subject(c: Change): string {
  const parts: string[] = [];
  if (c.topic) parts.push(c.newTopic && c.newTopic !== c.topic ? `${c.topic} → ${c.newTopic}` : c.topic);
  if (c.application) parts.push(c.application);
  if (c.rule) {
    const r = c.rule.resource;
    parts.push(`${r.type} ${r.name} (${r.patternType}) ${c.rule.operations.join(", ")}`);
  } else if (c.field) parts.push(c.field);
  return parts.join(" ") || c.team;
}

function label(c: Change): string {
  return c.accepted ? `accepted ${c.severity}` : c.severity;
}

function acceptance(c: Change): string {
  const a = c.accepted;
  return a ? `Accepted by ${a.approver} until ${a.expires} (${a.source}): ${a.reason}` : "";
}

function byTeam(report: DiffReport): [string, Change[]][] {
  return report.teams.map((team) => [team, report.changes.filter((c) => c.team === team)]);
}

function text(report: DiffReport): string {
  if (report.changes.length === 0) return `${report.base} → ${report.head}: no changes`;
  const lines = [`${report.base} → ${report.head}: ${totals(report)}`];
  for (const [team, changes] of byTeam(report)) {
    lines.push("", `team ${team}`);
    for (const c of changes) {
      const values = oldToNew(c);
      lines.push(`  ${label(c).padEnd(16)} ${c.kind}: ${subject(c)}${values ? ` (${values})` : ""}`);
      lines.push(`  ${"".padEnd(16)} ${c.message}`);
      if (c.accepted) lines.push(`  ${"".padEnd(16)} ${acceptance(c)}`);
      lines.push(`  ${"".padEnd(16)} at ${c.source}`);
    }
  }
  for (const note of report.notes) lines.push("", `note: ${note}`);
  return lines.join("\n");
}

const ICONS: Record<Severity, string> = { error: "❌", warning: "⚠️", info: "ℹ️" };
/** Table cells must not break the table nor carry HTML (the comment is posted on the pull request). */
const cell = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
/** Values from team files, shown as text: Markdown's link, image, code and emphasis marks escaped too. */
const textCell = (s: string) => cell(s.replace(/[\\`*_[\]!~]/g, "\\$&"));

function markdown(report: DiffReport): string {
  const title = `### Changes against \`${report.base}\``;
  if (report.changes.length === 0) return `${title}\n\nNo changes to teams, topics, access or credentials.`;
  const verdict =
    report.summary.error > 0
      ? `❌ **${totals(report)}.** An error fails the review unless the platform team accepts it in \`${CHANGE_APPROVALS_FILE}\` on the base branch (docs/team-guide.md).`
      : `${totals(report)}. No errors.`;
  const lines = [title, "", verdict];
  for (const [team, changes] of byTeam(report)) {
    lines.push(
      "",
      `#### Team \`${team}\``,
      "",
      "| Class | Change | Subject | Old → new | What it means |",
      "|---|---|---|---|---|",
      ...changes.map((c) => {
        const icon = c.accepted ? "✅" : ICONS[c.severity];
        const why = [c.message, acceptance(c)].filter(Boolean).join(" ");
        return `| ${icon} ${label(c)} | ${c.kind} | ${textCell(subject(c))} | ${textCell(oldToNew(c))} | ${cell(why)} |`;
      }),
    );
  }
  if (report.notes.length > 0) lines.push("", ...report.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}
