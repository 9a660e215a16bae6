/**
 * .github/scripts/review.sh, which the Review workflow runs: one comment section per step and stack, failing
 * steps expanded, explain's Markdown embedded as is, and a non-zero exit only after the comment is complete.
 * A stand-in CLI (KAFKA_PLATFORM_CLI) makes each step's outcome controllable and the test fast.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, ".github/scripts/review.sh");

/**
 * Runs review.sh with a stand-in CLI that fails the subcommands listed in `failing`; with `base`,
 * as the Review workflow runs it (REVIEW_BASE). The stand-in's `diff --format json` reports teams
 * payments (changed) and gone (removed).
 */
function review(stacks: string[], failing: string[] = [], base?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-review-"));
  const fake = path.join(dir, "fake-cli.sh");
  writeFileSync(
    fake,
    [
      "#!/usr/bin/env bash",
      'if [ "$1" = diff ] && [ "$5" = json ]; then echo \'{"teams":["gone","payments"],"changes":[{"kind":"team-removed","team":"gone"}]}\'; exit 0; fi',
      'echo "ran: $*"',
      'if [ "$1" = explain ]; then echo "# Team \\`payments\\`"; echo "| # | Resource |"; fi',
      'if [ "$1" = diff ]; then echo "### Changes against \\`$3\\`"; echo "| ❌ error | partitions-changed |"; fi',
      `for f in ${failing.join(" ")}; do [ "$1" = "$f" ] && { echo "teams/x.yaml:1:1: bad" >&2; exit 1; }; done`,
      "exit 0",
      "",
    ].join("\n"),
  );
  chmodSync(fake, 0o755);
  const out = path.join(dir, "comment.md");
  const result = spawnSync("bash", [SCRIPT, out, ...stacks], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_PLATFORM_CLI: fake, GITHUB_SHA: "abc123", REVIEW_BASE: base ?? "" },
    encoding: "utf8",
  });
  return { status: result.status, comment: readFileSync(out, "utf8") };
}

/** The `<details>` sections of the comment: summary line and whether it is expanded. */
function sections(comment: string) {
  return [
    ...comment.matchAll(
      /<details( open)?><summary>(✅|❌) <code>kafka-platform ([^<]+)<\/code> \(exit (\d+)\)/g,
    ),
  ].map((m) => ({ command: m[3], ok: m[2] === "✅", open: m[1] !== undefined, exit: Number(m[4]) }));
}

describe("review.sh (the offline review comment)", () => {
  it("runs codeowners --check, check, policy per stack and explain; exits 0 when all pass", () => {
    const { status, comment } = review(["dev", "prod"]);
    assert.equal(status, 0);
    assert.ok(comment.startsWith("<!-- kafka-platform-review -->\n## kafka-platform review"));
    assert.deepEqual(
      sections(comment).map((s) => s.command),
      ["codeowners --check", "check", "policy --stack dev", "policy --stack prod", "explain"],
    );
    assert.ok(sections(comment).every((s) => s.ok && !s.open));
    assert.match(comment, /All offline checks passed for stacks: dev prod\./);
    assert.match(
      comment,
      /\n# Team `payments`\n\| # \| Resource \|/,
      "explain's Markdown is embedded, not fenced",
    );
    assert.match(comment, /from commit abc123/);
  });

  it("defaults to the dev and prod stacks", () => {
    const commands = sections(review([]).comment).map((s) => s.command);
    assert.deepEqual(
      commands.filter((c) => c.startsWith("policy")),
      ["policy --stack dev", "policy --stack prod"],
    );
  });

  it("still writes the whole comment when steps fail, expands them, and exits non-zero", () => {
    const { status, comment } = review(["dev", "prod"], ["check", "policy"]);
    assert.notEqual(status, 0);
    const failed = sections(comment).filter((s) => !s.ok);
    assert.deepEqual(
      failed.map((s) => s.command),
      ["check", "policy --stack dev", "policy --stack prod"],
    );
    assert.ok(failed.every((s) => s.open && s.exit === 1));
    assert.match(comment, /\*\*Problems found in:\*\* check policy dev policy prod\./);
    assert.match(
      comment,
      /```text\nran: check\nteams\/x.yaml:1:1: bad\n```/,
      "the step's output, stderr included",
    );
    assert.ok(sections(comment).find((s) => s.command === "explain")?.ok, "later steps still ran");
  });

  describe("with REVIEW_BASE (the change against the base branch)", () => {
    it("puts the diff first, embedded as Markdown, and explains only the touched teams that still exist", () => {
      const { status, comment } = review(["dev", "prod"], [], "origin/main");
      assert.equal(status, 0);
      assert.deepEqual(
        sections(comment).map((s) => s.command),
        [
          "diff --base origin/main --format markdown",
          "codeowners --check",
          "check",
          "policy --stack dev",
          "policy --stack prod",
          "explain --team payments --stacks dev,prod",
        ],
      );
      assert.match(comment, /\n### Changes against `origin\/main`\n\| ❌ error \| partitions-changed \|/);
      assert.ok(sections(comment)[0].open, "the diff is expanded");
    });

    it("a diff with an error fails the review, and its Markdown is still embedded, expanded", () => {
      const { status, comment } = review(["dev", "prod"], ["diff"], "origin/main");
      assert.notEqual(status, 0);
      const diff = sections(comment).find((s) => s.command.startsWith("diff"));
      assert.deepEqual(diff, {
        command: "diff --base origin/main --format markdown",
        ok: false,
        open: true,
        exit: 1,
      });
      assert.match(comment, /\n### Changes against `origin\/main`\n/, "embedded, not fenced");
      assert.match(comment, /\*\*Problems found in:\*\* diff\./);
    });
  });
});
