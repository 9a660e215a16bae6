/** The outcome of one stack's run and the summary `kafka-platform up|preview|destroy` prints. */
import type { OpMap } from "@pulumi/pulumi/automation";

export type StackAction = "preview" | "up" | "destroy";

export interface StackOutcome {
  stack: string;
  /** `platform`, or the team stack's teams. */
  teams: string[] | "platform";
  status: "succeeded" | "failed" | "unchanged" | "skipped";
  /** Steps by kind, as the engine counted them (`same` left out). */
  changes: Partial<Record<"create" | "update" | "delete" | "replace", number>>;
  /** Why it failed or was skipped: the engine's error lines, short. */
  reason?: string;
  seconds: number;
}

/** The engine's step counts folded into create/update/delete/replace. */
export function countChanges(ops: OpMap | undefined): StackOutcome["changes"] {
  const counts: StackOutcome["changes"] = {};
  const add = (k: keyof StackOutcome["changes"], n = 0) => {
    if (n > 0) counts[k] = (counts[k] ?? 0) + n;
  };
  for (const [op, n] of Object.entries(ops ?? {})) {
    if (op === "create") add("create", n);
    else if (op === "update") add("update", n);
    else if (op === "delete") add("delete", n);
    else if (op === "replace" || op === "create-replacement") add("replace", n);
  }
  return counts;
}

export function hasChanges(outcome: Pick<StackOutcome, "changes">): boolean {
  return Object.values(outcome.changes).some((n) => (n ?? 0) > 0);
}

/**
 * Why an engine run failed: its diagnostics' `error:` messages with their continuation lines (e.g.
 * "because it is protected"), each once, else its last lines; at most 600 characters.
 */
export function failureReason(e: unknown): string {
  const text = String((e as { stderr?: string }).stderr || (e as Error).message || e);
  const lines = text.split("\n").map((l) => l.trim());
  const messages = new Set<string>();
  lines.forEach((line, i) => {
    if (!line.startsWith("error:")) return;
    let message = line;
    for (let j = i + 1; j < lines.length && lines[j] && !/^(error|warning):|^[-+~]\s/.test(lines[j]); j++)
      message += ` ${lines[j]}`;
    messages.add(message);
  });
  const found = messages.size > 0 ? [...messages] : lines.filter(Boolean).slice(-3);
  return found.join(" | ").slice(0, 600);
}

function changeText(c: StackOutcome["changes"]): string {
  return `+${c.create ?? 0} ~${c.update ?? 0} -${c.delete ?? 0} ±${c.replace ?? 0}`;
}

/** One progress line. */
export function progressLine(action: StackAction, o: StackOutcome): string {
  const mark = o.status === "failed" ? "✗" : o.status === "skipped" ? "-" : "✓";
  const what =
    o.status === "failed" || o.status === "skipped"
      ? `${o.status}: ${o.reason ?? ""}`
      : changeText(o.changes);
  return `${mark} ${action} ${o.stack}: ${what} (${o.seconds.toFixed(1)} s)`;
}

/** The summary: a line per stack, then the failures named. */
export function summaryText(action: StackAction, outcomes: readonly StackOutcome[]): string {
  const width = Math.max(5, ...outcomes.map((o) => o.stack.length));
  const rows = outcomes.map((o) => {
    const teams = o.teams === "platform" ? "(platform)" : o.teams.join(",") || "(no team: removed)";
    const c = o.changes;
    return `${o.stack.padEnd(width)}  ${o.status.padEnd(9)}  ${String(c.create ?? 0).padStart(6)}  ${String(c.update ?? 0).padStart(6)}  ${String(c.delete ?? 0).padStart(6)}  ${String(c.replace ?? 0).padStart(7)}  ${teams.slice(0, 60)}`;
  });
  const failed = outcomes.filter((o) => o.status === "failed");
  return [
    `${action}: ${outcomes.length} stack(s), ${failed.length} failed`,
    `${"stack".padEnd(width)}  ${"result".padEnd(9)}  create  update  delete  replace  teams`,
    ...rows,
    ...(failed.length > 0
      ? ["", "Failed:", ...failed.map((o) => `  ${o.stack}: ${o.reason ?? "failed"}`)]
      : []),
  ].join("\n");
}
