/**
 * `kafka-platform diff` over fixture pairs (base, head): one pair per classification. Each pair's
 * JSON report is asserted exactly (expected.json), the Markdown of the error cases too
 * (expected.md), and the table below states the class each case is about, so a golden file that
 * drifted from the intent fails as well. Regenerate after a deliberate change with
 * `UPDATE_DIFF_FIXTURES=1 npx mocha tests/unit/diff/fixtures.test.ts` and review the diff.
 */
import { strict as assert } from "assert";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { main } from "../../../cli/main";
import { DiffReport } from "../../../core/diff";

const FIXTURES = "tests/unit/diff/fixtures";
const NO_APPROVALS = "tests/unit/diff/no-approvals.yaml";
const UPDATE = process.env.UPDATE_DIFF_FIXTURES === "1";

/** Per case: the exit status and the class of the change kinds the case is about. */
const CASES: Record<string, { exit: number; classes: Record<string, string> }> = {
  "error-partitions-decrease": { exit: 1, classes: { "partitions-changed": "error" } },
  "error-namespace-change": { exit: 1, classes: { "namespace-changed": "error" } },
  "error-cleanup-compact": { exit: 1, classes: { "cleanup-policy-changed": "error" } },
  "error-delete-protected": { exit: 1, classes: { "topic-deleted": "error" } },
  "error-rename-protected": { exit: 1, classes: { "topic-renamed": "error" } },
  "error-replicas": { exit: 1, classes: { "replicas-changed": "error" } },
  "error-unprotect": { exit: 1, classes: { "deletion-policy-changed": "error" } },
  "error-team-removed": { exit: 1, classes: { "team-removed": "error", "credentials-removed": "info" } },
  "warning-partitions-increase": { exit: 0, classes: { "partitions-changed": "warning" } },
  "warning-retention-decrease": { exit: 0, classes: { "retention-changed": "warning" } },
  "warning-delete-dev": { exit: 0, classes: { "topic-deleted": "warning" } },
  "warning-rename": { exit: 0, classes: { "topic-renamed": "warning" } },
  "warning-consumer-removed": { exit: 0, classes: { "acl-rule-removed": "warning" } },
  "warning-grant-revoked": {
    exit: 0,
    classes: { "grant-revoked": "warning", "acl-rule-removed": "warning" },
  },
  "info-additions": {
    exit: 0,
    classes: {
      "topic-created": "info",
      "credentials-created": "info",
      "acl-rule-added": "info",
      "grant-added": "info",
      "quotas-changed": "info",
      "topic-config-changed": "info",
      "retention-changed": "info",
    },
  },
  unchanged: { exit: 0, classes: {} },
  "accepted-error": { exit: 0, classes: { "partitions-changed": "error" } },
};

async function diff(name: string, format: string) {
  const dir = `${FIXTURES}/${name}`;
  const approvals = existsSync(`${dir}/approvals.yaml`) ? `${dir}/approvals.yaml` : NO_APPROVALS;
  const out: string[] = [];
  const err: string[] = [];
  const args = ["diff", "--base", `${dir}/base`, "--teams", `${dir}/head`, "--approvals", approvals];
  const status = await main([...args, "--format", format], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  assert.deepEqual(err, [], `${name}: nothing on stderr`);
  return { status, out: out.join("\n") };
}

/** Compares with the golden file, or writes it under UPDATE_DIFF_FIXTURES=1. */
function golden(file: string, actual: string) {
  if (UPDATE) writeFileSync(file, `${actual}\n`);
  const expected = readFileSync(file, "utf8").replace(/\n$/, "");
  // JSON: every field and value (the golden file's layout is prettier's); Markdown: every character.
  if (file.endsWith(".json")) assert.deepEqual(JSON.parse(actual), JSON.parse(expected), `${file} differs`);
  else assert.equal(actual, expected, `${file} differs`);
}

describe("kafka-platform diff: fixture pairs (base, head)", () => {
  it("has a fixture directory for every case and a case for every fixture directory", () => {
    const dirs = readdirSync(path.resolve(FIXTURES)).sort();
    assert.deepEqual(dirs, Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: exit ${expected.exit}, the JSON report exactly${name.startsWith("error") ? ", the Markdown" : ""}`, async () => {
      const { status, out } = await diff(name, "json");
      assert.equal(status, expected.exit);
      const report = JSON.parse(out) as DiffReport;
      for (const [kind, severity] of Object.entries(expected.classes)) {
        const ofKind = report.changes.filter((c) => c.kind === kind);
        assert.ok(ofKind.length > 0, `a ${kind} change`);
        assert.ok(
          ofKind.every((c) => c.severity === severity),
          `${kind}: ${ofKind.map((c) => c.severity).join(", ")}`,
        );
      }
      golden(`${FIXTURES}/${name}/expected.json`, out);
      if (name.startsWith("error")) {
        const md = await diff(name, "markdown");
        assert.equal(md.status, 1);
        golden(`${FIXTURES}/${name}/expected.md`, md.out);
      }
    });
  }

  it("unchanged: the text says no changes and exits 0", async () => {
    const { status, out } = await diff("unchanged", "text");
    assert.equal(status, 0);
    assert.equal(out, `${FIXTURES}/unchanged/base → ${FIXTURES}/unchanged/head: no changes`);
  });

  it("accepted-error: the accepted error is reported as accepted with its approval, and fails nothing", async () => {
    const report = JSON.parse((await diff("accepted-error", "json")).out) as DiffReport;
    assert.deepEqual(report.summary, { error: 0, warning: 0, info: 0, accepted: 1 });
    assert.equal(report.changes[0].accepted?.approver, "@acme/kafka-platform (alice)");
    assert.equal(report.changes[0].accepted?.source, `${FIXTURES}/accepted-error/approvals.yaml:3`);
    const text = (await diff("accepted-error", "text")).out;
    assert.match(text, /accepted error +partitions-changed: shop\.orders partitions/);
  });
});
