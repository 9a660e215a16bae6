/**
 * `kafka-platform diff --base <git-ref>` in a throw-away git repository made by the test: the base
 * is read from the commit without a checkout, validated, and its approvals are the only ones that
 * count (a pull request cannot approve its own destructive change).
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../../cli/main";
import { DiffReport } from "../../../core/diff";

const BASE_SHOP = readFileSync(path.resolve("tests/unit/diff/fixtures/unchanged/base/shop.yaml"), "utf8");
const LEDGER = readFileSync(path.resolve("tests/unit/diff/fixtures/unchanged/base/ledger.yaml"), "utf8");
const FEWER_PARTITIONS = BASE_SHOP.replace("partitions: 6", "partitions: 3");
const APPROVAL = `approvals:
  - team: shop
    topic: shop.orders
    change: partitions-changed
    reason: Recreated with fewer partitions; the orders are replayed.
    approver: alice
    expires: "2099-12-31"
`;

describe("kafka-platform diff --base <git ref>", function () {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], {
      cwd: repo,
      encoding: "utf8",
    });
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  };
  async function diff(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await main(["diff", "--teams", path.join(repo, "teams"), ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { status, out: out.join("\n"), err: err.join("\n") };
  }

  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), "kp-diff-git-"));
    git("init", "-q", "-b", "main");
    write("teams/shop.yaml", BASE_SHOP);
    write("teams/ledger.yaml", LEDGER);
    write("teams/README.md", "not a team file\n");
    commit("base");
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("compares with HEAD~1 without touching the working tree or HEAD", async () => {
    write("teams/shop.yaml", FEWER_PARTITIONS);
    commit("fewer partitions");
    const head = git("rev-parse", "HEAD");
    const { status, out } = await diff("--base", "HEAD~1", "--format", "json");
    assert.equal(status, 1);
    const report = JSON.parse(out) as DiffReport;
    assert.deepEqual(
      report.changes.map((c) => [c.kind, c.severity, c.topic]),
      [["partitions-changed", "error", "shop.orders"]],
    );
    assert.equal(git("rev-parse", "HEAD"), head);
    assert.equal(git("status", "--porcelain"), "");
  });

  it("an unchanged organisation: no changes, exit 0", async () => {
    const { status, out } = await diff("--base", "HEAD");
    assert.equal(status, 0);
    assert.match(out, /^HEAD → .*: no changes$/);
  });

  it("counts the base's approvals, not approvals the change itself adds", async () => {
    write("teams/shop.yaml", FEWER_PARTITIONS);
    write("platform/change-approvals.yaml", APPROVAL);
    const selfApproved = await diff("--base", "HEAD", "--format", "json");
    assert.equal(selfApproved.status, 1, "an approval in the same change does not count");

    // The platform team merges the approval first; the team's change comes after.
    write("teams/shop.yaml", BASE_SHOP);
    commit("platform team approves");
    write("teams/shop.yaml", FEWER_PARTITIONS);
    const approved = await diff("--base", "HEAD", "--format", "json");
    assert.equal(approved.status, 0);
    const report = JSON.parse(approved.out) as DiffReport;
    assert.equal(report.changes[0].accepted?.source, "HEAD:platform/change-approvals.yaml:2");
  });

  it("reports an invalid base as the base's problem, located in the commit", async () => {
    write("teams/shop.yaml", BASE_SHOP.replace("partitions: 6", "partitions: zero"));
    commit("broken base");
    write("teams/shop.yaml", BASE_SHOP);
    const { status, err } = await diff("--base", "HEAD");
    assert.equal(status, 1);
    assert.match(err, /^HEAD:teams\/shop\.yaml:5:17: topics\[0\]\.partitions: in the base \(HEAD:teams\): /m);
  });

  it("an unknown ref or a ref that looks like an option is a usage error", async () => {
    assert.equal((await diff("--base", "no-such-branch")).status, 2);
    const option = await diff("--base=--output=/tmp/x");
    assert.equal(option.status, 2);
    assert.match(option.err, /neither a directory nor a git ref/);
  });
});
