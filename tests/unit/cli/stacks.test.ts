/**
 * The pure parts of `kafka-platform up|preview|destroy` and `migrate-stacks` (cli/stacks/): change
 * counts and the summary, the bounded pool, which team stacks `--changed-since` selects, the state
 * move's URNs; and the commands' usage errors, which stop
 * before any Pulumi workspace is opened. The engine tier runs the commands for real.
 */
import { strict as assert } from "assert";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../../cli/main";
import { affectedTeamStacks, teamDigest } from "../../../cli/stacks/changed";
import { renamedUrn, teamRoots } from "../../../cli/stacks/migrate";
import { inPool } from "../../../cli/stacks/pool";
import { countChanges, progressLine, StackOutcome, summaryText } from "../../../cli/stacks/summary";
import { planStacks } from "../../../core/stacks/plan";
import { loadTeams, Organisation } from "../../../core/teams";
import { PROJECT_ROOT } from "../../../harness/engine";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const outcome = (o: Partial<StackOutcome> & Pick<StackOutcome, "stack">): StackOutcome => ({
  teams: ["payments"],
  status: "succeeded",
  changes: {},
  seconds: 1.25,
  ...o,
});

describe("kafka-platform up|preview|destroy: summary", () => {
  it("countChanges folds the engine's steps into create, update, delete and replace, leaving out same", () => {
    assert.deepEqual(countChanges({ same: 40, create: 2, update: 1, delete: 3, replace: 1 }), {
      create: 2,
      update: 1,
      delete: 3,
      replace: 1,
    });
    assert.deepEqual(countChanges({ same: 7 }), {});
    assert.deepEqual(countChanges(undefined), {});
    assert.deepEqual(countChanges({ "create-replacement": 2, replace: 1 }), { replace: 3 });
  });

  it("summaryText has a row per stack with its counts and names every failure with its reason", () => {
    const text = summaryText("up", [
      outcome({ stack: "prod", teams: "platform", status: "unchanged" }),
      outcome({ stack: "prod.teams.payments", changes: { create: 12, update: 1 } }),
      outcome({ stack: "prod.teams.billing", teams: ["billing"], status: "failed", reason: "error: boom" }),
      outcome({ stack: "prod.teams.old", teams: [], changes: { delete: 5 } }),
    ]);
    const lines = text.split("\n");
    assert.equal(lines[0], "up: 4 stack(s), 1 failed");
    assert.match(lines[1], /^stack +result +create +update +delete +replace +teams$/);
    assert.match(text, /^prod +unchanged +0 +0 +0 +0 +\(platform\)$/m);
    assert.match(text, /^prod\.teams\.payments +succeeded +12 +1 +0 +0 +payments$/m);
    assert.match(text, /^prod\.teams\.old +succeeded +0 +0 +5 +0 +\(no team: removed\)$/m);
    assert.deepEqual(lines.slice(-2), ["Failed:", "  prod.teams.billing: error: boom"]);
    assert.doesNotMatch(summaryText("preview", [outcome({ stack: "dev" })]), /Failed:/);
  });

  it("progressLine shows counts for a success and the reason for a failure or a skip", () => {
    assert.equal(
      progressLine("preview", outcome({ stack: "dev.teams.a", changes: { create: 3, replace: 1 } })),
      "✓ preview dev.teams.a: +3 ~0 -0 ±1 (1.3 s)",
    );
    assert.equal(
      progressLine("up", outcome({ stack: "dev.teams.a", status: "failed", reason: "error: quota" })),
      "✗ up dev.teams.a: failed: error: quota (1.3 s)",
    );
    assert.match(
      progressLine(
        "up",
        outcome({ stack: "dev.teams.b", status: "skipped", reason: "the platform stack failed" }),
      ),
      /^- up dev\.teams\.b: skipped: the platform stack failed/,
    );
  });
});

describe("kafka-platform up|preview|destroy: the pool of team stacks", () => {
  /** Work whose completion the test controls; records how many run at once. */
  function controlledWork() {
    let running = 0;
    let peak = 0;
    const pending: { item: number; resolve: () => void }[] = [];
    const work = async (item: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => pending.push({ item, resolve }));
      running--;
      return item * 10;
    };
    return { work, pending, peak: () => peak };
  }
  const settle = () => new Promise((r) => setImmediate(r));

  it("runs at most `limit` at once and keeps the items' order whatever order they end in", async () => {
    const c = controlledWork();
    const items = [1, 2, 3, 4, 5, 6, 7];
    const done = inPool(items, 3, c.work);
    for (let round = 0; round < 20 && c.pending.length > 0; round++) {
      await settle();
      assert.ok(c.pending.length <= 3, `${c.pending.length} running`);
      // End the newest first: later items finish before earlier ones.
      c.pending.pop()!.resolve();
      await settle();
    }
    assert.deepEqual(await done, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(c.peak(), 3, "the pool fills up to its limit");
  });

  it("runs one at a time with limit 1, and nothing for no items", async () => {
    const c = controlledWork();
    const done = inPool([1, 2, 3], 1, c.work);
    const started: number[] = [];
    while (started.length < 3) {
      await settle();
      assert.equal(c.pending.length, 1);
      const next = c.pending.shift()!;
      started.push(next.item);
      next.resolve();
    }
    assert.deepEqual(started, [1, 2, 3]);
    assert.deepEqual(await done, [10, 20, 30]);
    assert.deepEqual(await inPool([], 4, c.work), []);
  });
});

describe("kafka-platform up|preview --changed-since: affected team stacks", () => {
  const split = (groups: Record<string, string[]> = {}) => ({
    stacks: { layout: "split" as const, groups },
    addons: { keycloak: { enabled: false } } as never,
  });
  const source = { file: "Pulumi.prod.yaml" };
  /** The committed team files, edited by `edit` (file name → new text) in a copy. */
  function organisation(edit: Record<string, (text: string) => string> = {}): Organisation {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-changed-"));
    cpSync(path.join(PROJECT_ROOT, "teams"), dir, { recursive: true });
    for (const [file, change] of Object.entries(edit))
      writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), "utf8")));
    return loadTeams(dir, { displayDir: "teams" });
  }
  const base = organisation();
  const plan = (org: Organisation, groups?: Record<string, string[]>) =>
    planStacks(
      "prod",
      split(groups),
      org.teams.map((t) => t.name),
      source,
    );
  const moreInvoicePartitions = {
    "billing.yaml": (t: string) =>
      t.replace("partitions: 3\n    retention: 30d", "partitions: 6\n    retention: 30d"),
  };

  it("one team's change selects its stack only", () => {
    const head = organisation(moreInvoicePartitions);
    assert.deepEqual(affectedTeamStacks(plan(head), head, base, ["teams/billing.yaml"], "teams"), [
      "prod.teams.billing",
    ]);
  });

  it("a grant used by another team selects both stacks; a grant alone changes only its owner", () => {
    const grantOnly = organisation({
      "billing.yaml": (t) =>
        t.replace("grants:\n", "grants:\n  - topics: [billing.invoices.v1]\n    to: [payments]\n"),
    });
    assert.deepEqual(
      affectedTeamStacks(plan(grantOnly), grantOnly, base, ["teams/billing.yaml"], "teams"),
      ["prod.teams.billing"],
      "the grantee's KafkaUsers come from its own applications",
    );
    const grantAndUse = organisation({
      "billing.yaml": (t) =>
        t.replace("grants:\n", "grants:\n  - topics: [billing.invoices.v1]\n    to: [payments]\n"),
      "payments.yaml": (t) => t.replace(/consumes: \[/, "consumes: [billing.invoices.v1, "),
    });
    const payments = grantAndUse.teams.find((t) => t.name === "payments")!;
    assert.notEqual(teamDigest(payments), teamDigest(base.teams.find((t) => t.name === "payments")!));
    assert.deepEqual(
      affectedTeamStacks(
        plan(grantAndUse),
        grantAndUse,
        base,
        ["teams/billing.yaml", "teams/payments.yaml"],
        "teams",
      ).sort(),
      ["prod.teams.billing", "prod.teams.payments"],
    );
  });

  it("a change outside the team files (program, stack file, lockfile, waivers) selects every stack", () => {
    const all = plan(base).teamStacks.map((s) => s.name);
    assert.equal(all.length, 3);
    for (const changed of ["program.ts", "Pulumi.prod.yaml", "package-lock.json", "platform/waivers.yaml"])
      assert.deepEqual(affectedTeamStacks(plan(base), base, base, [changed], "teams"), all, changed);
    assert.deepEqual(
      affectedTeamStacks(plan(base), base, undefined, ["teams/billing.yaml"], "teams"),
      plan(base).teamStacks.map((s) => s.name),
      "an invalid base: every stack",
    );
  });

  it("documentation, tests and a comment in a team file select no stack", () => {
    const comment = organisation({ "fraud.yaml": (t) => `# reviewed\n${t}` });
    assert.deepEqual(
      affectedTeamStacks(
        plan(comment),
        comment,
        base,
        [
          "docs/stacks.md",
          "README.md",
          "tests/unit/cli/stacks.test.ts",
          ".github/workflows/review.yml",
          "teams/fraud.yaml",
        ],
        "teams",
      ),
      [],
    );
  });

  it("selects a group's stack for a change to any of its teams, and always the removed teams' stacks", () => {
    const head = organisation(moreInvoicePartitions);
    const groups = { "small-teams": ["billing", "fraud"] };
    assert.deepEqual(
      affectedTeamStacks(plan(head, groups), head, base, ["teams/billing.yaml"], "teams", [
        "prod.teams.gone",
      ]),
      ["prod.teams.small-teams", "prod.teams.gone"],
    );
    assert.deepEqual(affectedTeamStacks(plan(base, groups), base, base, [], "teams", ["prod.teams.gone"]), [
      "prod.teams.gone",
    ]);
  });
});

describe("kafka-platform migrate-stacks: the state move's URNs", () => {
  const urn = (type: string, name: string, parent = "") =>
    `urn:pulumi:prod::kafka-platform::${parent}${type}::${name}`;
  const state = [
    { urn: urn("pulumi:pulumi:Stack", "kafka-platform-prod"), type: "pulumi:pulumi:Stack" },
    { urn: urn("pulumi:providers:kubernetes", "cluster-provider"), type: "pulumi:providers:kubernetes" },
    { urn: urn("kafka-platform:teams:KafkaTeam", "payments"), type: "kafka-platform:teams:KafkaTeam" },
    {
      urn: urn(
        "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
        "payments.events",
        "kafka-platform:teams:KafkaTeam$",
      ),
      type: "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
      parent: urn("kafka-platform:teams:KafkaTeam", "payments"),
    },
    {
      urn: urn("kafka-platform:kafka:GroupConfigs", "payments-group-configs"),
      type: "kafka-platform:kafka:GroupConfigs",
    },
    { urn: urn("kafka-platform:teams:KafkaTeam", "payments-eu"), type: "kafka-platform:teams:KafkaTeam" },
    { urn: urn("kafka-platform:teams:KafkaTeam", "billing"), type: "kafka-platform:teams:KafkaTeam" },
  ];

  it("teamRoots are the teams' KafkaTeam and GroupConfigs components only (children move with them)", () => {
    assert.deepEqual(teamRoots(state, ["payments"]), [
      urn("kafka-platform:teams:KafkaTeam", "payments"),
      urn("kafka-platform:kafka:GroupConfigs", "payments-group-configs"),
    ]);
    assert.deepEqual(teamRoots(state, ["billing", "payments-eu"]), [
      urn("kafka-platform:teams:KafkaTeam", "payments-eu"),
      urn("kafka-platform:teams:KafkaTeam", "billing"),
    ]);
    assert.deepEqual(teamRoots(state, ["nobody"]), []);
  });

  it("renamedUrn changes the stack and keeps type, parents and name", () => {
    assert.equal(
      renamedUrn(urn("kafka-platform:teams:KafkaTeam", "payments"), "prod.teams.payments"),
      "urn:pulumi:prod.teams.payments::kafka-platform::kafka-platform:teams:KafkaTeam::payments",
    );
    const child = state[3].urn;
    assert.equal(
      renamedUrn(child, "prod.teams.payments"),
      child.replace("urn:pulumi:prod::", "urn:pulumi:prod.teams.payments::"),
    );
  });
});

describe("kafka-platform up|preview|destroy|migrate-stacks: command-line errors (exit 2)", () => {
  const cases: [string[], RegExp][] = [
    [["up"], /^kafka-platform up: missing required option --env \(usage: kafka-platform up --env ENV/],
    [
      ["preview", "--env", "staging"],
      /^kafka-platform preview: unknown stack "staging" \(stacks: dev, local, prod\)/,
    ],
    [["migrate-stacks", "--env", "staging"], /^kafka-platform migrate-stacks: unknown stack "staging"/],
    [
      ["up", "--env", "dev", "--teams", "payments", "--changed-since", "origin/main"],
      /^kafka-platform up: --teams and --changed-since exclude each other/,
    ],
    [
      ["destroy", "--env", "dev"],
      /^kafka-platform destroy: destroy deletes every stack's resources: pass --yes/,
    ],
    // destroy runs no preview or update: options that would be silently ignored are refused.
    [["destroy", "--env", "dev", "--yes", "--refresh"], /^kafka-platform destroy: .*--refresh/],
    [
      ["destroy", "--env", "dev", "--yes", "--policy-pack", "policies"],
      /^kafka-platform destroy: .*--policy-pack/,
    ],
    [
      ["up", "--env", "dev", "--parallel", "0"],
      /^kafka-platform up: --parallel must be a whole number from 1 to 32/,
    ],
    [["preview", "--env", "dev", "--parallel", "2.5"], /--parallel must be a whole number from 1 to 32/],
    [["up", "--env", "dev", "--parallel", "33"], /--parallel must be a whole number from 1 to 32/],
    [
      ["preview", "--env", "dev", "--policy-pack-config", "policies/config/dev.json"],
      /--policy-pack-config needs --policy-pack/,
    ],
    [
      ["up", "--env", "dev", "--policy-pack", "no-such-pack"],
      /--policy-pack: no such file or directory "no-such-pack"/,
    ],
    [["preview", "--env", "dev", "--teams", ""], /option --teams needs a value/],
    [["preview", "--env", "dev", "extra"], /unexpected argument "extra"/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(" "), async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.equal(r.out, "", "nothing on stdout");
    });
  }

  it("a --policy-pack-config that is not a JSON object is a usage error", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "kp-policy-")), "broken.json");
    writeFileSync(file, "[1, 2]");
    const r = await cli("preview", "--env", "dev", "--policy-pack", "policies", "--policy-pack-config", file);
    assert.equal(r.code, 2);
    assert.match(r.err, /--policy-pack-config: ".*broken\.json" is not a JSON object/);
  });

  for (const [command, flags] of [
    [
      "up",
      [
        "--env ENV",
        "--teams T,…",
        "--changed-since REF",
        "--parallel N",
        "--skip-platform",
        "--policy-pack DIR",
      ],
    ],
    [
      "preview",
      ["--env ENV", "--changed-since REF", "--refresh", "--expect-no-changes", "--policy-pack-config FILE"],
    ],
    ["destroy", ["--env ENV", "--teams T,…", "--yes"]],
    ["migrate-stacks", ["--env ENV", "--dry-run"]],
  ] as const) {
    it(`${command} --help lists its options and an example`, async () => {
      const r = await cli(command, "--help");
      assert.equal(r.code, 0);
      for (const flag of flags)
        assert.match(r.out, new RegExp(`^  ${flag.replace(/[.*+?]/g, "\\$&")} +\\S`, "m"));
      assert.match(r.out, new RegExp(`^Examples:\\n  kafka-platform ${command} --env \\w+`, "m"));
    });
  }
});
