import { strict as assert } from "assert";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../cli/main";
import {
  CODEOWNER,
  codeownersDrift,
  codeownersPatternMatches,
  ownersOf as coreOwnersOf,
  parsePlatformOwners,
  platformOwnershipProblems,
  renderCodeowners,
  teamOwnerProblems,
} from "../../core/codeowners";
import { formatProblem } from "../../core/errors";

const ROOT = path.resolve(__dirname, "../..");

/** The CODEOWNERS lines that are rules (not comments or blank), as [pattern, ...owners]. */
function rules(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.trim().split(/\s+/));
}

/** The owners GitHub applies to `file`: the last matching rule (core's matcher, tested below). */
function ownersOf(text: string, file: string): string[] {
  return coreOwnersOf(text, file).owners;
}

describe("core/codeowners", () => {
  const platform = {
    owners: ["@acme/kafka-platform"],
    paths: { "/policies/": ["@acme/kafka-platform", "@acme/security"] },
  };
  const teams = [
    { name: "payments", file: "teams/payments.yaml", owners: ["@acme/payments"] },
    { name: "billing", file: "teams/billing.yaml", owners: ["@acme/billing", "jane@example.com"] },
    { name: "legacy", file: "teams/legacy.yaml", owners: [] },
  ];
  const text = renderCodeowners(platform, teams, "teams");

  it("gives each team its own file, the platform team everything else and new team files", () => {
    assert.deepEqual(ownersOf(text, "teams/payments.yaml"), ["@acme/payments"]);
    assert.deepEqual(ownersOf(text, "teams/billing.yaml"), ["@acme/billing", "jane@example.com"]);
    assert.deepEqual(
      ownersOf(text, "teams/legacy.yaml"),
      ["@acme/kafka-platform"],
      "no owners: platform reviews",
    );
    assert.deepEqual(ownersOf(text, "teams/newcomer.yaml"), ["@acme/kafka-platform"]);
    assert.deepEqual(ownersOf(text, "components/kafka-team.ts"), ["@acme/kafka-platform"]);
    assert.deepEqual(ownersOf(text, "policies/index.ts"), ["@acme/kafka-platform", "@acme/security"]);
    assert.match(text, /# Without owners \(platform team reviews\): legacy/);
  });

  it("puts the team lines after the teams directory line (GitHub applies the last match)", () => {
    const patterns = rules(text).map((r) => r[0]);
    assert.equal(patterns[0], "*");
    assert.ok(patterns.indexOf("/teams/") < patterns.indexOf("/teams/billing.yaml"));
  });

  it("puts the platform-only paths after the team lines, /platform/ last, so no team owns them", () => {
    const patterns = rules(text).map((r) => r[0]);
    assert.deepEqual(patterns, [
      "*",
      "/teams/",
      "/teams/billing.yaml",
      "/teams/payments.yaml",
      "/policies/",
      "/platform/",
    ]);
    assert.deepEqual(ownersOf(text, "platform/waivers.yaml"), ["@acme/kafka-platform"]);
    // A team file placed inside a platform path does not give its team that path.
    const inside = renderCodeowners(
      platform,
      [{ name: "x1", file: "platform/x1.yaml", owners: ["@acme/x1"] }],
      "platform",
    );
    assert.deepEqual(ownersOf(inside, "platform/waivers.yaml"), ["@acme/kafka-platform"]);
    assert.deepEqual(platformOwnershipProblems(inside, platform), []);
  });

  it("refuses other owners for /platform/ in the platform owners file, located", () => {
    const problems = parsePlatformOwners({
      owners: ["@acme/p"],
      paths: { "/platform/": ["@acme/payments"] },
    });
    assert.ok(Array.isArray(problems));
    assert.deepEqual(problems.map(formatProblem), [
      ".github/platform-owners.yaml: paths./platform/: /platform/ (waivers, approvals) belongs to the platform owners alone; remove this entry or set it to null",
    ]);
  });

  it("finds who owns a platform-only path in a hand-edited file", () => {
    const edited = `${text}/platform/waivers.yaml @acme/payments\n`;
    const lines = edited.split("\n").length - 1;
    assert.deepEqual(platformOwnershipProblems(edited, platform), [
      `.github/CODEOWNERS:${lines}: platform/waivers.yaml is owned by @acme/payments; it must be the platform owners alone (@acme/kafka-platform)`,
    ]);
    assert.deepEqual(platformOwnershipProblems(text, platform), []);
  });

  it("matches CODEOWNERS patterns as GitHub does (anchored, directories, globs)", () => {
    const cases: [string, string, boolean][] = [
      ["*", "a/b.yaml", true],
      ["/platform/", "platform/waivers.yaml", true],
      ["/platform/", "x/platform/waivers.yaml", false],
      ["platform/", "x/platform/waivers.yaml", true],
      ["/teams/payments.yaml", "teams/payments.yaml", true],
      ["/teams/payments.yaml", "teams/payments.yaml.bak", false],
      ["/Pulumi.*.yaml", "Pulumi.prod.yaml", true],
      ["*.yaml", "platform/waivers.yaml", true],
      ["/platform/*.yaml", "platform/waivers.yaml", true],
      ["/platform/**", "platform/a/b.yaml", true],
    ];
    for (const [pattern, file, expected] of cases) {
      assert.equal(codeownersPatternMatches(pattern, file), expected, `${pattern} ~ ${file}`);
    }
  });

  it("is deterministic: the order of team files does not matter", () => {
    assert.equal(renderCodeowners(platform, [...teams].reverse(), "teams"), text);
  });

  it("anchors a teams directory given with ./ or a trailing slash", () => {
    const t = renderCodeowners(
      platform,
      [{ name: "a1", file: "org/teams/a1.yaml", owners: ["@o/a"] }],
      "./org/teams/",
    );
    assert.deepEqual(
      rules(t).map((r) => r[0]),
      ["*", "/org/teams/", "/org/teams/a1.yaml", "/policies/", "/platform/"],
    );
  });

  it("accepts GitHub users, teams and e-mail addresses as owners, nothing else", () => {
    for (const ok of ["@octocat", "@acme/payments", "@acme/team.name_x", "dev@example.com"])
      assert.match(ok, CODEOWNER);
    for (const bad of ["acme/payments", "@", "@acme/", "payments team", "@-x"])
      assert.doesNotMatch(bad, CODEOWNER);
    const problems = teamOwnerProblems([
      { name: "x1", file: "teams/x1.yaml", owners: ["@ok/team", "payments team"] },
    ]);
    assert.deepEqual(problems.map(formatProblem), [
      'teams/x1.yaml: owners[1]: "payments team" is not a GitHub owner; use @user, @org/team or an e-mail address',
    ]);
  });

  it("validates the platform owners file", () => {
    assert.deepEqual(parsePlatformOwners({ owners: ["@acme/p"] }), { owners: ["@acme/p"] });
    const problems = parsePlatformOwners({ owners: [], paths: { "/a b/": null }, extra: 1 });
    assert.ok(Array.isArray(problems));
    const text = problems.map(formatProblem).join("\n");
    assert.match(text, /owners/);
    assert.match(text, /unknown key "extra"/);
    assert.match(text, /paths\.\/a b\/: "\/a b\/" must be a CODEOWNERS pattern without spaces or #/);
  });

  it("names the first differing line when the committed file is out of date", () => {
    assert.equal(codeownersDrift(text, text), undefined);
    assert.equal(codeownersDrift(undefined, text), ".github/CODEOWNERS does not exist");
    const stale = text.replace("/teams/payments.yaml @acme/payments", "/teams/payments.yaml @acme/old");
    assert.match(
      codeownersDrift(stale, text)!,
      /out of date at line \d+: has "\/teams\/payments.yaml @acme\/old", expected "\/teams\/payments.yaml @acme\/payments"/,
    );
    assert.match(codeownersDrift(text + "# extra\n", text)!, /has "# extra", expected end of file/);
  });
});

describe("kafka-platform codeowners", () => {
  /** Runs the CLI in a copy of the repository's teams/ and .github/platform-owners.yaml. */
  async function inRepoCopy(argv: string[], prepare?: (dir: string) => void) {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-codeowners-"));
    cpSync(path.join(ROOT, "teams"), path.join(dir, "teams"), { recursive: true });
    mkdirSync(path.join(dir, ".github"));
    cpSync(path.join(ROOT, ".github/platform-owners.yaml"), path.join(dir, ".github/platform-owners.yaml"));
    prepare?.(dir);
    const out: string[] = [];
    const err: string[] = [];
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const code = await main(["codeowners", ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join("\n"), err: err.join("\n"), dir };
    } finally {
      process.chdir(cwd);
    }
  }

  it("the committed .github/CODEOWNERS is current (as CI checks it)", async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const err: string[] = [];
      const code = await main(["codeowners", "--check"], { out: () => {}, err: (t) => err.push(t) });
      assert.equal(code, 0, err.join("\n"));
    } finally {
      process.chdir(cwd);
    }
  });

  it("writes .github/CODEOWNERS with every team file's owners", async () => {
    const r = await inRepoCopy([]);
    assert.equal(r.code, 0, r.err);
    const written = readFileSync(path.join(r.dir, ".github/CODEOWNERS"), "utf8");
    assert.deepEqual(ownersOf(written, "teams/payments.yaml"), ["@acme/payments"]);
    assert.deepEqual(ownersOf(written, "teams/fraud.yaml"), ["@acme/risk", "@acme/fraud-oncall"]);
    assert.deepEqual(ownersOf(written, "index.ts"), ["@acme/kafka-platform"]);
  });

  it("--check exits 1 with a one-line reason when a team's owners changed", async () => {
    const r = await inRepoCopy(["--check"], (dir) => {
      cpSync(path.join(ROOT, ".github/CODEOWNERS"), path.join(dir, ".github/CODEOWNERS"));
      const file = path.join(dir, "teams/payments.yaml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace('owners: ["@acme/payments"]', 'owners: ["@acme/payments-core"]'),
      );
    });
    assert.equal(r.code, 1);
    assert.equal(r.err.split("\n").length, 1);
    assert.match(
      r.err,
      /out of date at line \d+: has "\/teams\/payments.yaml +@acme\/payments", expected "\/teams\/payments.yaml +@acme\/payments-core"; run `npx kafka-platform codeowners`/,
    );
  });

  it("--check exits 1 when CODEOWNERS is missing, and --stdout prints without writing", async () => {
    const missing = await inRepoCopy(["--check"]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /\.github\/CODEOWNERS does not exist/);
    const printed = await inRepoCopy(["--stdout"]);
    assert.equal(printed.code, 0, printed.err);
    assert.match(printed.out, /^\/teams\/billing\.yaml +@acme\/billing$/m);
  });

  it("--check --stdout checks (exit 1 when out of date) and prints the expected file", async () => {
    const r = await inRepoCopy(["--check", "--stdout"], (dir) =>
      writeFileSync(path.join(dir, ".github/CODEOWNERS"), "* @acme/payments\n"),
    );
    assert.equal(r.code, 1);
    assert.match(r.out, /^\/platform\/ +@acme\/kafka-platform$/m);
    assert.equal(
      r.err,
      [
        "kafka-platform codeowners: .github/CODEOWNERS:1: platform/waivers.yaml is owned by @acme/payments; it must be the platform owners alone (@acme/kafka-platform)",
        "kafka-platform codeowners: .github/CODEOWNERS:1: platform/change-approvals.yaml is owned by @acme/payments; it must be the platform owners alone (@acme/kafka-platform)",
        'kafka-platform codeowners: .github/CODEOWNERS is out of date at line 1: has "* @acme/payments", expected "# Generated by `npx kafka-platform codeowners` from teams/*.yaml (owners) and .github/platform-owners.yaml."; run `npx kafka-platform codeowners` and commit it',
      ].join("\n"),
    );
  });

  it("--check exits 2 for a missing --teams directory", async () => {
    const r = await inRepoCopy(["--check", "--teams", "no-such-dir"]);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'kafka-platform codeowners: no such directory of team files: "no-such-dir" (usage: kafka-platform codeowners [--teams DIR] [--check] [--stdout])',
    );
  });

  it("reports bad owners and a bad platform owners file with their location", async () => {
    const badOwner = await inRepoCopy([], (dir) => {
      const file = path.join(dir, "teams/billing.yaml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace('owners: ["@acme/billing"]', 'owners: ["billing team"]'),
      );
    });
    assert.equal(badOwner.code, 1);
    assert.match(badOwner.err, /teams\/billing\.yaml: owners\[0\]: "billing team" is not a GitHub owner/);
    const badPlatform = await inRepoCopy([], (dir) =>
      writeFileSync(
        path.join(dir, ".github/platform-owners.yaml"),
        'owners: ["@acme/p"]\npaths:\n  /x/: [nobody]\n',
      ),
    );
    assert.equal(badPlatform.code, 1);
    assert.match(badPlatform.err, /\.github\/platform-owners\.yaml:3:\d+: paths\.\/x\/\[0\]: .*GitHub @user/);
  });
});
