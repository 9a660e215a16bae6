/**
 * A digest of `pulumi preview --json` for the pull-request comment: per resource type, how many
 * resources each step creates, updates, replaces or deletes, and which ones are replaced or
 * deleted (by name) with the properties that cause it. Never a value: states and diffs of
 * resources (Secrets, passwords, certificates) stay out of the comment.
 * Usage: npx ts-node --transpile-only .github/scripts/preview-digest.ts PREVIEW.json STACK > DIGEST.md
 */
import { readFileSync } from "fs";

/** What this digest reads of a step (pulumi's display.PreviewStep). */
interface PreviewStep {
  op?: string;
  urn?: string;
  replaceReasons?: string[];
  diffReasons?: string[];
}

/** Steps that lose a resource (and whatever data it holds). */
const DESTRUCTIVE = new Set([
  "delete",
  "replace",
  "delete-replaced",
  "create-replacement",
  "discard",
  "remove-pending-replace",
]);
/** Steps that change nothing. */
const UNCHANGED = new Set(["same", "read", "refresh"]);

/** `urn:pulumi:dev::kafka-platform::parent$kubernetes:core/v1:Secret::payments/app` → type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  return { type, name: parts.slice(3).join("::") };
}

/** Markdown cells must not break the table or the comment. */
const cell = (s: string) => s.replace(/[|\n\r<>`]/g, (c) => (c === "|" ? "\\|" : c === "`" ? "'" : " "));

export function previewDigest(doc: unknown, stack: string): string {
  const title = `#### \`pulumi preview\` ${stack}`;
  const steps = (doc as { steps?: unknown })?.steps;
  if (doc === null || typeof doc !== "object" || (steps !== undefined && !Array.isArray(steps))) {
    return `${title}\n\nNo preview result (the preview failed before planning); see the job log.`;
  }
  const changed = ((steps as PreviewStep[] | undefined) ?? []).filter(
    (s) => typeof s?.op === "string" && !UNCHANGED.has(s.op),
  );
  const diagnostics = ((doc as { diagnostics?: { severity?: string }[] }).diagnostics ?? []).filter(
    (d) => d?.severity === "error" || d?.severity === "warning",
  );
  const notes = ["error", "warning"]
    .map((severity) => [severity, diagnostics.filter((d) => d.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}${n === 1 ? "" : "s"}`);
  const noteLine = notes.length > 0 ? `\n\nDiagnostics: ${notes.join(", ")} (see the job log).` : "";
  if (changed.length === 0) return `${title}\n\nNo resource changes.${noteLine}`;

  const counts = new Map<string, Map<string, number>>();
  for (const step of changed) {
    const { type } = parseUrn(String(step.urn ?? ""));
    const ops = counts.get(type) ?? new Map<string, number>();
    ops.set(step.op!, (ops.get(step.op!) ?? 0) + 1);
    counts.set(type, ops);
  }
  const lines = [
    title,
    "",
    "| Resource type | Steps |",
    "|---|---|",
    ...[...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, ops]) =>
          `| ${cell(type)} | ${[...ops.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([op, n]) => `${op} ${n}`)
            .join(", ")} |`,
      ),
  ];
  const destructive = changed.filter((s) => DESTRUCTIVE.has(s.op!) && s.op !== "delete-replaced");
  if (destructive.length > 0) {
    lines.push(
      "",
      "**Deleted or replaced** (data in them is lost unless it lives elsewhere):",
      "",
      ...destructive.map((s) => {
        const { type, name } = parseUrn(String(s.urn ?? ""));
        const reasons = (s.replaceReasons ?? []).filter((r) => typeof r === "string");
        return `- ${s.op} ${cell(type)} ${cell(name)}${reasons.length ? ` (because of ${reasons.map(cell).join(", ")})` : ""}`;
      }),
    );
  }
  return `${lines.join("\n")}${noteLine}`;
}

if (require.main === module) {
  const [file, stack] = process.argv.slice(2);
  if (!file || !stack) {
    process.stderr.write("usage: preview-digest.ts PREVIEW.json STACK\n");
    process.exit(2);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    doc = undefined;
  }
  process.stdout.write(`${previewDigest(doc, stack)}\n`);
}
