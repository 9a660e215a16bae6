/**
 * Debian's headless Chromium driven by playwright-core (no downloaded browser: never
 * `npx playwright install`). Each launch gets a fresh profile folder, removed on close.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { BrowserContext, chromium, Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Flags: headless, no sandbox (CI runs as root), nothing that reaches the network by itself. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "kp-chromium-"));
  // --user-data-dir: Playwright takes the fresh profile folder as the persistent context's directory.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    offline: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page (rule id, impact, first target). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy admits no inline script.
  await page.evaluate(source);
  const results = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(" ")})`);
}
