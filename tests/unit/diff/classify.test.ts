/**
 * The diff core without the CLI: environment facts that decide a class (Cruise Control, brokers,
 * protection), moves between teams, and the platform team's approvals.
 */
import { strict as assert } from "assert";
import { diffOrganisations, EnvironmentFacts, formatReport, parseChangeApprovals } from "../../../core/diff";
import { teamsDefaults } from "../../../core/config/teams";
import { TeamsConfig } from "../../../core/config";
import { isUserError } from "../../../core/errors";
import { Organisation, parseTeamFile, validateTeamFiles } from "../../../core/teams";

/** An organisation from team files given as text, validated like `check` does. */
function org(files: Record<string, string>): Organisation {
  const parsed = Object.entries(files).map(([name, text]) => parseTeamFile(`teams/${name}.yaml`, name, text));
  return validateTeamFiles(
    parsed.map((p) => p.parsed),
    parsed.flatMap((p) => p.problems),
  );
}

function env(name: string, facts: Partial<EnvironmentFacts> = {}): EnvironmentFacts {
  return {
    name,
    teams: teamsDefaults(name === "prod" ? "prod" : "dev") as TeamsConfig,
    cruiseControl: name === "prod",
    brokers: name === "prod" ? 3 : 1,
    ...facts,
  };
}

const TODAY = "2026-12-04";
const diff = (
  base: Organisation,
  head: Organisation,
  envs: EnvironmentFacts[],
  approvals = "approvals: []",
) =>
  diffOrganisations(base, head, {
    base: "base",
    head: "head",
    envs,
    today: TODAY,
    approvals: parseChangeApprovals("platform/change-approvals.yaml", approvals),
  });

const shop = (topic: string) => `team: shop\ntopics:\n  - name: ${topic}\n`;

describe("diff core: classification by environment facts", () => {
  it("a replication factor change is an error only where Cruise Control is off", () => {
    const base = org({ shop: `${shop("shop.orders")}    replicas: 2\n` });
    const head = org({ shop: `${shop("shop.orders")}    replicas: 3\n` });
    const withCc = diff(base, head, [env("prod", { cruiseControl: true, brokers: 3 })]);
    assert.deepEqual(
      withCc.changes.map((c) => [c.kind, c.severity]),
      [["replicas-changed", "info"]],
    );
    const withoutCc = diff(base, head, [env("staging", { cruiseControl: false, brokers: 3 })]);
    assert.equal(withoutCc.changes[0].severity, "error");
    assert.match(
      withoutCc.changes[0].message,
      /only through Cruise Control, which is not enabled in staging/,
    );
  });

  it("effective values per environment: unset partitions are 1 in dev and 6 in prod, so 3 is an increase and a decrease", () => {
    const report = diff(
      org({ shop: shop("shop.orders") }),
      org({ shop: `${shop("shop.orders")}    partitions: 3\n` }),
      [env("dev"), env("prod")],
    );
    assert.deepEqual(report.changes[0].environments, { dev: { old: 1, new: 3 }, prod: { old: 6, new: 3 } });
    assert.equal(report.changes[0].severity, "error");
    assert.match(report.changes[0].message, /rejects the change in prod\./);
  });

  it("deleting a topic protected nowhere (dev only) is a warning", () => {
    const report = diff(org({ shop: shop("shop.orders") }), org({ shop: "team: shop\n" }), [env("dev")]);
    assert.deepEqual(
      report.changes.map((c) => [c.kind, c.severity]),
      [["topic-deleted", "warning"]],
    );
  });

  it("a topic that moves to another team is an error (its Pulumi name changes)", () => {
    const base: Organisation = org({ shop: shop("shop.orders"), ledger: "team: ledger\n" });
    const moved = structuredClone(base);
    const topic = moved.teams.find((t) => t.name === "shop")!.topics.pop()!;
    moved.teams.find((t) => t.name === "ledger")!.topics.push({ ...topic, team: "ledger" });
    const report = diff(base, moved, [env("prod")]);
    assert.deepEqual(
      report.changes.map((c) => [c.kind, c.severity, c.newTeam]),
      [["topic-moved", "error", "ledger"]],
    );
  });

  it("a share consumer or a Streams app on the streams protocol losing its access is a warning, like a classic consumer", () => {
    const topics = `team: shop\ntopics:\n  - name: shop.jobs\n  - name: shop.events\napplications:\n`;
    const apps =
      `  - name: worker\n    shareGroup: { consumes: [shop.jobs] }\n` +
      `  - name: enricher\n    streams: true\n    groupProtocol: streams\n    consumes: [shop.events]\n`;
    const report = diff(
      org({ shop: topics + apps }),
      org({ shop: "team: shop\ntopics:\n  - name: shop.jobs\n  - name: shop.events\n" }),
      [env("prod")],
    );
    const removed = report.changes.filter((c) => c.kind === "acl-rule-removed");
    assert.ok(
      removed.some((c) => c.application === "worker") && removed.some((c) => c.application === "enricher"),
    );
    const consumerAccess = removed.filter((c) =>
      ["share-consume", "share-group", "streams-protocol-group", "streams-protocol-internal-topics"].includes(
        c.intent!.kind,
      ),
    );
    assert.ok(consumerAccess.length >= 3, JSON.stringify(removed.map((c) => c.intent!.kind)));
    for (const c of consumerAccess) assert.equal(c.severity, "warning", `${c.intent!.kind}: ${c.message}`);
  });

  it("does not take two look-alike deletions and one creation for a rename", () => {
    const base = org({ shop: `team: shop\ntopics:\n  - name: shop.a\n  - name: shop.b\n` });
    const head = org({ shop: shop("shop.c") });
    const kinds = diff(base, head, [env("dev")]).changes.map((c) => c.kind);
    assert.deepEqual(kinds, ["topic-deleted", "topic-deleted", "topic-created"]);
  });
});

describe("diff core: new topics and deletion protection", () => {
  const empty = org({ shop: "team: shop\n" });

  it("a new topic with deletion: allow is a warning where topics are protected, info elsewhere", () => {
    const head = org({ shop: `${shop("shop.scratch")}    deletion: allow\n` });
    const prod = diff(empty, head, [env("dev"), env("prod")]).changes;
    assert.deepEqual(
      prod.map((c) => [c.kind, c.severity]),
      [["topic-created", "warning"]],
    );
    assert.match(prod[0].message, /without deletion protection in prod \(deletion: allow\)/);
    const devOnly = diff(empty, head, [env("dev")]).changes;
    assert.deepEqual(
      devOnly.map((c) => [c.kind, c.severity]),
      [["topic-created", "info"]],
    );
  });

  it("a new protected topic is info", () => {
    const created = diff(empty, org({ shop: shop("shop.orders") }), [env("prod")]).changes;
    assert.deepEqual(
      created.map((c) => [c.kind, c.severity]),
      [["topic-created", "info"]],
    );
  });
});

describe("diff core: the review comment (Markdown) and hostile values", () => {
  it("shows a free-text topic config value as text: no HTML, links, images or code spans reach the comment", () => {
    const hostile =
      "<img src=https://evil.example/p.gif> | `x` [click](https://evil.example) ![i](https://e.example/i)";
    const head = org({
      shop: `${shop("shop.orders")}    config: { leader.replication.throttled.replicas: ${JSON.stringify(hostile)} }\n`,
    });
    const md = formatReport(diff(org({ shop: shop("shop.orders") }), head, [env("prod")]), "markdown");
    const row = md.split("\n").find((l) => l.includes("topic-config-changed"))!;
    assert.ok(!/<img|(?<!\\)\]\(https|(?<!\\)`x/.test(row), row);
    assert.ok(
      row.includes(
        "&lt;img src=https://evil.example/p.gif&gt; \\| \\`x\\` \\[click\\](https://evil.example)",
      ),
      row,
    );
    assert.equal(row.split(/(?<!\\)\|/).length, 7, "the row keeps its five cells");
  });
});

describe("diff core: approvals (platform/change-approvals.yaml)", () => {
  const base = org({ shop: `${shop("shop.orders")}    partitions: 6\n` });
  const head = org({ shop: `${shop("shop.orders")}    partitions: 3\n` });
  const approval = (fields: string) =>
    `approvals:\n  - team: shop\n    change: partitions-changed\n    reason: Recreated from the source database.\n    approver: alice\n${fields}`;

  it("accepts a named change until its expiry day, inclusive", () => {
    const report = diff(
      base,
      head,
      [env("prod")],
      approval(`    topic: shop.orders\n    expires: "${TODAY}"\n`),
    );
    assert.deepEqual(report.summary, { error: 0, warning: 0, info: 0, accepted: 1 });
    assert.deepEqual(report.changes[0].accepted, {
      reason: "Recreated from the source database.",
      approver: "alice",
      expires: TODAY,
      source: "platform/change-approvals.yaml:2",
    });
  });

  it("an expired approval accepts nothing and says so", () => {
    const report = diff(
      base,
      head,
      [env("prod")],
      approval(`    topic: shop.orders\n    expires: "2026-12-03"\n`),
    );
    assert.equal(report.summary.error, 1);
    assert.deepEqual(report.notes, [
      "platform/change-approvals.yaml:2: the approval of partitions-changed for shop.orders expired on 2026-12-03",
    ]);
  });

  it("an approval without a topic does not cover the team's topic changes", () => {
    const report = diff(base, head, [env("prod")], approval(`    expires: "2099-01-01"\n`));
    assert.equal(report.summary.error, 1);
  });

  it("rejects a malformed approvals file with located problems", () => {
    assert.throws(
      () =>
        parseChangeApprovals(
          "platform/change-approvals.yaml",
          "approvals:\n  - team: shop\n    change: partition-decrease\n    reason: short\n",
        ),
      (e: unknown) => {
        assert.ok(isUserError(e));
        const messages = e.problems.map((p) => `${p.line}:${p.path}`);
        assert.ok(messages.includes("3:approvals[0].change"), messages.join(", "));
        assert.ok(messages.includes("4:approvals[0].reason"), messages.join(", "));
        assert.ok(e.problems.some((p) => p.path === "approvals[0].approver"));
        return true;
      },
    );
  });
});
