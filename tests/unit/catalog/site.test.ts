import { strict as assert } from "assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import {
  applicationGraph,
  buildCatalog,
  esc,
  renderMapSvg,
  renderSite,
  teamGraph,
} from "../../../core/catalog";
import { loadTeams } from "../../../core/teams";
import { cli } from "../support/cli";

const ROOT = path.join(__dirname, "../../..");
const examples = () => buildCatalog(loadTeams(path.join(ROOT, "teams")));

describe("catalog: model", () => {
  it("lists each topic's producers and consumers across teams, through grants", () => {
    const topic = examples().topics.find((t) => t.topic.name === "payments.payment-events.v1")!;
    assert.deepEqual(topic.producers, [{ team: "payments", app: "payment-processor" }]);
    assert.deepEqual(topic.consumers, [
      { team: "billing", app: "invoicer" },
      { team: "fraud", app: "scorer" },
      { team: "fraud", app: "velocity" },
    ]);
    const jobs = examples().topics.find((t) => t.topic.name === "payments.settlement-jobs.v1")!;
    assert.deepEqual(jobs.consumers, [{ team: "payments", app: "settlement-worker" }]);
  });

  it("fills partitions and retention per environment from the stack defaults where the file sets none", () => {
    const replays = examples().topics.find((t) => t.topic.name === "payments.order-replays")!;
    assert.deepEqual(replays.settings, {
      dev: { partitions: 1, retentionMs: 86_400_000 },
      prod: { partitions: 6, retentionMs: 86_400_000 },
    });
  });

  it("marks flows between teams, and gives each team its grants and lag threshold", () => {
    const catalog = examples();
    const cross = catalog.flows
      .filter((f) => f.crossTeam)
      .map((f) => `${f.from.team}/${f.from.app}>${f.topic}>${f.to.team}/${f.to.app}`);
    assert.ok(cross.includes("payments/payment-processor>payments.payment-events.v1>fraud/scorer"));
    assert.ok(!catalog.flows.some((f) => f.crossTeam && f.from.team === f.to.team));
    const billing = catalog.teams.find((t) => t.team.name === "billing")!;
    assert.deepEqual(
      billing.grantsReceived.map((g) => `${g.topic}:${g.access}`),
      ["payments.payment-events.v1:read"],
    );
    assert.deepEqual(
      billing.grantsGiven.map((g) => `${g.topic}>${g.to}:${g.access}`),
      ["billing.invoices.v1>fraud:read", "billing.refund-requests.v1>payments:write"],
    );
    assert.deepEqual(billing.maxLagMessages, { dev: 10000, prod: 10000 });
    assert.ok(billing.applications[0].acls.some((a) => a.intent.kind === "consumer-group"));
  });
});

describe("catalog: pages", () => {
  it("escapes every character that could open markup or end an attribute", () => {
    assert.equal(esc(`<a href="x" onclick='y'>&`), "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;");
  });

  it("writes no team-file text unescaped into any page", () => {
    const catalog = examples();
    const payload = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const payments = catalog.teams.find((t) => t.team.name === "payments")!;
    payments.team.description = payload;
    payments.team.owners = [payload];
    payments.applications[0].app.description = payload;
    const topic = catalog.topics.find((t) => t.topic.name === "payments.orders.v1")!;
    Object.assign(topic.topic, {
      description: payload,
      classification: payload,
      tags: [payload],
      schema: `https://x/${payload}`,
    });
    const site = renderSite(catalog, { css: "", js: "" });
    for (const [file, html] of site) {
      assert.ok(!html.includes("<script>alert"), `${file} contains the raw script`);
      assert.ok(!html.includes("<img"), `${file} contains the raw image`);
    }
    assert.ok(site.get("teams/payments.html")!.includes(esc(payload)));
    assert.ok(site.get("topics/payments.orders.v1.html")!.includes(esc(payload)));
  });

  it("has a page per team, topic and team map, the index, the overview map and both assets", () => {
    const site = renderSite(examples());
    for (const file of [
      "index.html",
      "map/index.html",
      "teams/fraud.html",
      "map/fraud.html",
      "topics/risk.fraud.scores.v1.html",
      "assets/catalog.css",
      "assets/catalog.js",
    ]) {
      assert.ok(site.has(file), file);
    }
    assert.equal(site.size, 2 + 3 * 2 + 9 + 2);
    // No page loads anything from the network.
    for (const [file, text] of site)
      assert.ok(
        !/(src|href)="(https?:)?\/\//.test(text.replace(/href="https:\/\/[^"]*" rel="noreferrer"/g, "")),
        file,
      );
  });

  it("draws each cross-team edge once per application pair, highlighted", () => {
    const catalog = examples();
    const svg = renderMapSvg(applicationGraph(catalog), "map/index.html", "all");
    const pairs = new Set(
      catalog.flows
        .filter((f) => f.crossTeam)
        .map((f) => `${f.from.team}/${f.from.app}>${f.to.team}/${f.to.app}`),
    );
    assert.equal(svg.match(/class="flow cross-team"/g)?.length, pairs.size);
    assert.match(
      svg,
      /data-from="app:payments\/payment-processor" data-to="app:fraud\/scorer" data-topics="payments.payment-events.v1"/,
    );
  });

  it("shows one team's map with its neighbours and an overview with teams as nodes", () => {
    const catalog = examples();
    const fraud = applicationGraph(catalog, "fraud");
    assert.deepEqual(fraud.nodes.map((n) => n.label).sort(), [
      "billing/invoicer",
      "case-manager",
      "payments/payment-processor",
      "scorer",
      "velocity",
    ]);
    const teams = teamGraph(catalog);
    assert.deepEqual(
      teams.nodes.map((n) => n.id),
      ["team:billing", "team:fraud", "team:payments"],
    );
    assert.ok(teams.edges.every((e) => e.crossTeam && e.from !== e.to));
  });
});

describe("kafka-platform catalog", () => {
  it("writes the site of the example teams and replaces an earlier catalog", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "kp-catalog-cli-"));
    for (let run = 0; run < 2; run++) {
      const r = await cli("catalog", "--out", out);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /teams: catalog of 3 teams, 9 topics and \d+ flows written to .*index\.html/);
    }
    assert.match(readFileSync(path.join(out, "index.html"), "utf8"), /<h1>Kafka topics<\/h1>/);
  });

  it("exits 1 with located errors and writes nothing for a broken organisation", async () => {
    const teams = mkdtempSync(path.join(tmpdir(), "kp-catalog-broken-"));
    writeFileSync(
      path.join(teams, "payments.yaml"),
      "team: payments\ntopics:\n  - name: payments.x\n    classification: secret\n",
    );
    const out = path.join(teams, "site");
    const r = await cli("catalog", "--out", out, "--teams", teams);
    assert.equal(r.code, 1);
    assert.match(r.err, /payments\.yaml:4:21: topics\[0\]\.classification: "secret" is not a classification/);
    assert.ok(!existsSync(out));
  });

  it("describes its options with an example in --help", async () => {
    const r = await cli("catalog", "--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /--out DIR .*\n.*--teams DIR/);
    assert.match(r.out, /Examples:\n {2}kafka-platform catalog --out out\/catalog/);
  });

  it("exits 2 without --out, or when --out is a folder it did not write", async () => {
    assert.equal((await cli("catalog")).code, 2);
    const foreign = mkdtempSync(path.join(tmpdir(), "kp-catalog-foreign-"));
    mkdirSync(path.join(foreign, "keep"));
    const r = await cli("catalog", "--out", foreign);
    assert.equal(r.code, 2);
    assert.match(r.err, /is not empty and holds no earlier catalog/);
    assert.ok(existsSync(path.join(foreign, "keep")));
  });
});
