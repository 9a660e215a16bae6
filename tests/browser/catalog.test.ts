/**
 * The catalog as a user sees it: built by the CLI, opened from disk in Debian's headless Chromium,
 * searched, followed, checked for the map's cross-team edges and for accessibility (axe-core).
 * Screenshots and measurements go to tests/browser/artifacts/ (gitignored). Type-checked with the DOM
 * library by tests/browser/tsconfig.json, which the root project leaves out so that no other code sees DOM types.
 */
import * as assert from "assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { Page } from "playwright-core";
import { writeOrganisation } from "../../bench/organisation";
import { main } from "../../cli/main";
import { buildCatalog } from "../../core/catalog";
import { loadTeams } from "../../core/teams";
import { accessibilityViolations, Browser, chromiumAvailable, CHROMIUM, launchChromium } from "./chromium";

const ROOT = path.join(__dirname, "..", "..");
export const ARTIFACTS = path.join(__dirname, "artifacts");

/** Builds a catalog with the CLI, as a user would; returns the output folder. */
async function buildSite(teamsDir: string): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), "kp-catalog-"));
  const errors: string[] = [];
  const status = await main(["catalog", "--out", out, "--teams", teamsDir], {
    out: () => undefined,
    err: (text) => errors.push(text),
  });
  assert.strictEqual(status, 0, errors.join("\n"));
  return out;
}

const url = (site: string, page: string) => pathToFileURL(path.join(site, page)).href;

async function visibleTopics(page: Page): Promise<string[]> {
  return page.$$eval("#topics tbody tr:not([hidden]) th a", (links) => links.map((a) => a.textContent ?? ""));
}

async function crossTeamEdges(page: Page): Promise<{ from: string; to: string; topics: string }[]> {
  return page.$$eval("svg.map g.flow.cross-team", (edges) =>
    edges.map((e) => ({
      from: e.getAttribute("data-from") ?? "",
      to: e.getAttribute("data-to") ?? "",
      topics: e.getAttribute("data-topics") ?? "",
    })),
  );
}

describe("catalog in a browser", function () {
  let browser: Browser;
  let page: Page;
  const sites: string[] = [];

  before(async function () {
    if (!chromiumAvailable()) {
      if (process.env.KAFKA_PLATFORM_REQUIRE_CHROMIUM === "1") assert.fail(`${CHROMIUM} is missing`);
      console.log(`      skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);
      this.skip();
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    for (const site of sites) rmSync(site, { recursive: true, force: true });
  });

  describe("of the example teams", () => {
    let site: string;
    before(async () => {
      site = await buildSite(path.join(ROOT, "teams"));
      sites.push(site);
    });

    it("searches the topic table and follows a topic's team link to the team page", async () => {
      await page.goto(url(site, "index.html"));
      // The script ran (under the page's Content-Security-Policy) and counted every row.
      await page.waitForSelector("#count:has-text('9 of 9 topics')");
      await page.getByLabel("Search topics").fill("invoices");
      assert.deepStrictEqual(await visibleTopics(page), ["billing.invoices.v1"]);
      assert.strictEqual(await page.textContent("#count"), "1 of 9 topics");
      await page.screenshot({ path: path.join(ARTIFACTS, "examples-search.png"), fullPage: true });

      await page.click("#topics tbody tr:not([hidden]) td a[href$='teams/billing.html']");
      assert.match(page.url(), /\/teams\/billing\.html$/);
      assert.strictEqual(await page.textContent("h1"), "Team billing");
      // The team page lists its applications' ACL rules with their intents.
      assert.ok(await page.isVisible("h3#app-invoicer"));
      assert.match((await page.textContent("main")) ?? "", /produce: produces to billing\.invoices\.v1/);
    });

    it("filters by classification and sorts by a numeric column", async () => {
      await page.goto(url(site, "index.html"));
      await page.selectOption("#classification", "personal-data");
      const shown = await visibleTopics(page);
      assert.ok(shown.length > 0 && shown.length < 9, `personal-data topics: ${shown.join(", ")}`);
      await page.selectOption("#classification", "");
      await page.click("th:has-text('Retention (prod)') button");
      assert.strictEqual(
        await page.getAttribute("th:has-text('Retention (prod)')", "aria-sort"),
        "ascending",
      );
      const values = await page.$$eval("#topics tbody tr", (rows) =>
        rows.map((r) => Number((r as HTMLTableRowElement).cells[7].getAttribute("data-sort"))),
      );
      assert.deepStrictEqual(
        values,
        [...values].sort((a, b) => a - b),
      );
      await page.getByLabel("Search topics").fill("");
      await page.click("th:has-text('Topic') button");
      await page.screenshot({ path: path.join(ARTIFACTS, "topic-table.png") });
    });

    it("shows every cross-team flow of the organisation on the map, highlighted", async () => {
      const catalog = buildCatalog(loadTeams(path.join(ROOT, "teams")));
      const expected = new Set(
        catalog.flows
          .filter((f) => f.crossTeam)
          .map((f) => `app:${f.from.team}/${f.from.app}->app:${f.to.team}/${f.to.app}`),
      );
      assert.ok(expected.size > 0, "the examples have cross-team flows");
      await page.goto(url(site, "map/index.html"));
      const edges = await crossTeamEdges(page);
      assert.deepStrictEqual(new Set(edges.map((e) => `${e.from}->${e.to}`)), expected);
      const stroke = await page.$eval("svg.map g.cross-team path", (p) => getComputedStyle(p).stroke);
      const plain = await page.$eval(
        "svg.map g.flow:not(.cross-team) path",
        (p) => getComputedStyle(p).stroke,
      );
      assert.notStrictEqual(stroke, plain, "cross-team edges are drawn differently");
      await (await page.$("figure"))!.screenshot({ path: path.join(ARTIFACTS, "map.png") });
    });

    it("links map nodes to the applications on their team pages", async () => {
      await page.goto(url(site, "map/fraud.html"));
      await page.click("svg.map a[aria-label='fraud/scorer']");
      assert.match(page.url(), /\/teams\/fraud\.html#app-scorer$/);
    });

    it("is keyboard-usable: the first Tab reaches the skip link, which moves to the content", async () => {
      await page.goto(url(site, "index.html"));
      await page.keyboard.press("Tab");
      assert.strictEqual(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
      await page.keyboard.press("Enter");
      assert.match(page.url(), /#main$/);
    });

    for (const file of [
      "index.html",
      "teams/payments.html",
      "topics/payments.payment-events.v1.html",
      "map/index.html",
    ]) {
      it(`has no serious or critical accessibility violations (axe-core): ${file}`, async () => {
        await page.goto(url(site, file));
        assert.deepStrictEqual(await accessibilityViolations(page), []);
      });
    }
  });

  describe("of hostile team files", () => {
    it("shows their text as text: no markup or script from a team file runs", async () => {
      const teams = mkdtempSync(path.join(tmpdir(), "kp-catalog-hostile-"));
      sites.push(teams);
      const payload = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`;
      writeFileSync(
        path.join(teams, "evil.yaml"),
        [
          "team: evil",
          `description: '${payload}'`,
          `owners: ['"><svg onload="window.pwned=3">']`,
          "topics:",
          "  - name: evil.data",
          `    description: '${payload}'`,
          "applications:",
          "  - name: app",
          `    description: '${payload}'`,
          "    produces: [evil.data]",
          "    consumes: [evil.data]",
        ].join("\n"),
      );
      const site = await buildSite(teams);
      sites.push(site);
      for (const file of ["index.html", "teams/evil.html", "topics/evil.data.html", "map/index.html"]) {
        await page.goto(url(site, file));
        assert.strictEqual(
          await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
          undefined,
        );
        assert.strictEqual(
          await page.$$eval("main img, main script, main svg[onload]", (e) => e.length),
          0,
          file,
        );
      }
      await page.goto(url(site, "teams/evil.html"));
      assert.ok(
        ((await page.textContent("main")) ?? "").includes(payload),
        "the description shows as written",
      );
    });
  });

  describe("of a synthetic organisation of 200 teams", () => {
    let site: string;
    const measured: Record<string, number> = {};

    before(async () => {
      const teams = mkdtempSync(path.join(tmpdir(), "kp-catalog-org-"));
      sites.push(teams);
      writeOrganisation(teams, { teams: 200, topicsPerTeam: 25, appsPerTeam: 5 });
      const start = performance.now();
      site = await buildSite(teams);
      measured.buildMs = Math.round(performance.now() - start);
      sites.push(site);
    });

    after(() => {
      if (Object.keys(measured).length === 0) return;
      writeFileSync(path.join(ARTIFACTS, "measurements.json"), `${JSON.stringify(measured, null, 2)}\n`);
      console.log(`      measured (not asserted): ${JSON.stringify(measured)}`);
    });

    it("loads the index of 5000 topics and filters it", async () => {
      await page.goto(url(site, "index.html"));
      await page.waitForSelector("#count:has-text('5000 of 5000 topics')");
      const navigation = await page.evaluate(() => {
        const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd };
      });
      measured.indexDomContentLoadedMs = Math.round(navigation.domContentLoaded);
      measured.indexLoadMs = Math.round(navigation.load);
      const filterMs = await page.evaluate(() => {
        const input = document.getElementById("search") as HTMLInputElement;
        const start = performance.now();
        input.value = "team-0150.events-3";
        input.dispatchEvent(new Event("input"));
        return performance.now() - start;
      });
      measured.indexFilterMs = Math.round(filterMs * 10) / 10;
      assert.deepStrictEqual(await visibleTopics(page), ["team-0150.events-3.v1"]);
      await page.click("#topics tbody tr:not([hidden]) td a");
      assert.strictEqual(await page.textContent("h1"), "Team team-0150");
    });

    it("gives each team a map with its cross-team edges, and an overview of all teams", async () => {
      await page.goto(url(site, "map/team-0100.html"));
      const edges = await crossTeamEdges(page);
      // team-0100's first application reads team-0099's topic 0; team-0101's reads team-0100's.
      assert.ok(edges.some((e) => e.from.startsWith("app:team-0099/") && e.to === "app:team-0100/app-0"));
      assert.ok(edges.some((e) => e.from.startsWith("app:team-0100/") && e.to === "app:team-0101/app-0"));
      assert.deepStrictEqual(await accessibilityViolations(page), []);
      await (await page.$("figure"))!.screenshot({ path: path.join(ARTIFACTS, "org-200-team-map.png") });
      await page.goto(url(site, "map/index.html"));
      assert.strictEqual(await page.$$eval("svg.map g.node", (n) => n.length), 200);
      await page.screenshot({ path: path.join(ARTIFACTS, "org-200-overview.png") });
      assert.strictEqual((await crossTeamEdges(page)).length, 199);
    });
  });
});
