/**
 * `npm run bench:engine` (not in CI): the `local` stack with a synthetic organisation through the
 * real engine against the engine tier's API server (docs/engine-tier.md), in the single layout (one
 * stack) and the split layout (a platform stack and a stack per team, docs/stacks.md): a full `up`,
 * a preview with nothing changed, a one-team pull request's preview and deploy, and the peak memory
 * of the largest Pulumi CLI process and of this process (the program; with the split layout, every
 * team stack's program runs here). Sizes: BENCH_ENGINE_TEAMS (default "20,200"); layouts:
 * BENCH_ENGINE_LAYOUTS (default "split,single"); team stacks at once: BENCH_ENGINE_PARALLEL (default 4).
 * Prints a JSON line per run and a Markdown table for docs/performance.md.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEnvironment } from "../cli/stacks/run";
import type { StackOutcome } from "../cli/stacks/summary";
import { EnvironmentWorkspaces } from "../cli/stacks/workspaces";
import { startControlPlane } from "../tests/engine/control-plane";
import { createEngineStack, EngineStack, STACK } from "../tests/engine/stack";
import { addTopic } from "../tests/engine/team-edits";
import { writeOrganisation } from "./organisation";

/** Peak resident memory (VmHWM) of the largest `pulumi` child of this process, sampled every 250 ms. */
function watchCliMemory(): { stop(): number } {
  let peakKb = 0;
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
        if (ppid !== process.pid || !/^Name:\s+pulumi$/m.test(status)) continue;
        peakKb = Math.max(peakKb, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

async function measure<T>(fn: () => Promise<T>): Promise<{ s: number; cliMb: number; result: T }> {
  const watch = watchCliMemory();
  const start = process.hrtime.bigint();
  const result = await fn();
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  return { s: Math.round(s * 10) / 10, cliMb: watch.stop(), result };
}

interface Figures {
  resources: number;
  up: number;
  same: number;
  oneTeamPreview: number;
  oneTeamUp: number;
  cliMb: number;
  failed: string[];
}

/** Fails the bench when a stack failed: figures of a half-run organisation would mislead. */
function failures(outcomes: StackOutcome[]): string[] {
  return outcomes
    .filter((o) => o.status === "failed" || o.status === "skipped")
    .map((o) => `${o.stack}: ${o.reason}`);
}

async function single(engine: EngineStack, teamsDir: string): Promise<Figures> {
  const up = await measure(() => engine.stack.up());
  const resources = Object.values(up.result.summary.resourceChanges ?? {}).reduce((a, n) => a + (n ?? 0), 0);
  const same = await measure(() => engine.stack.preview());
  addTopic(teamsDir, "team-0000", { name: "team-0000.bench-added.v1" });
  const preview = await measure(() => engine.stack.preview());
  const deploy = await measure(() => engine.stack.up());
  return {
    resources,
    up: up.s,
    same: same.s,
    oneTeamPreview: preview.s,
    oneTeamUp: deploy.s,
    cliMb: Math.max(up.cliMb, same.cliMb, preview.cliMb, deploy.cliMb),
    failed: [],
  };
}

async function split(engine: EngineStack, teamsDir: string, parallel: number): Promise<Figures> {
  const teamWorkDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-team-stacks-"));
  const ws = await EnvironmentWorkspaces.open({
    env: STACK,
    projectRoot: path.join(__dirname, ".."),
    platformWorkDir: engine.workDir,
    teamWorkDir,
    pulumiCommand: engine.pulumiCommand,
    envVars: engine.env,
  });
  try {
    const up = await measure(() => runEnvironment(ws, { action: "up", parallel }));
    const resources = up.result.outcomes.reduce((a, o) => a + (o.changes.create ?? 0), 0);
    const same = await measure(() => runEnvironment(ws, { action: "preview", parallel }));
    addTopic(teamsDir, "team-0000", { name: "team-0000.bench-added.v1" });
    // What the review workflow runs: the platform stack and the stacks the pull request touches.
    const oneTeam = () => [`${STACK}.teams.team-0000`];
    const preview = await measure(() => runEnvironment(ws, { action: "preview", teamStacks: oneTeam }));
    const deploy = await measure(() => runEnvironment(ws, { action: "up", teamStacks: oneTeam }));
    const all = [up, same, preview, deploy];
    return {
      resources,
      up: up.s,
      same: same.s,
      oneTeamPreview: preview.s,
      oneTeamUp: deploy.s,
      cliMb: Math.max(...all.map((m) => m.cliMb)),
      failed: all.flatMap((m) => failures(m.result.outcomes)),
    };
  } finally {
    fs.rmSync(teamWorkDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_ENGINE_TEAMS ?? "20,200").split(",").map(Number);
  const layouts = (process.env.BENCH_ENGINE_LAYOUTS ?? "split,single").split(",") as ("single" | "split")[];
  const parallel = Number(process.env.BENCH_ENGINE_PARALLEL ?? 4);
  const rows: string[] = [];
  for (const teams of sizes)
    for (const layout of layouts) {
      const teamsDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-engine-teams-"));
      writeOrganisation(teamsDir, { teams, topicsPerTeam: 25, appsPerTeam: 5 });
      const controlPlane = await startControlPlane();
      const engine = await createEngineStack({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout });
      try {
        const f =
          layout === "split" ? await split(engine, teamsDir, parallel) : await single(engine, teamsDir);
        const programMb = Math.round(process.resourceUsage().maxRSS / 1024);
        console.log(JSON.stringify({ teams, layout, parallel, ...f, programMb }));
        if (f.failed.length > 0) throw new Error(`stacks failed: ${f.failed.join("; ")}`);
        rows.push(
          `| ${teams} | ${layout} | ${f.resources} | ${f.up} | ${f.same} | ${f.oneTeamPreview} | ${f.oneTeamUp} | ${f.cliMb} | ${programMb} |`,
        );
      } finally {
        engine.dispose();
        await controlPlane.stop();
        fs.rmSync(teamsDir, { recursive: true, force: true });
      }
    }
  console.log(
    [
      "| teams | layout | resources | `up`, all new (s) | preview, no change (s) | one-team PR: preview (s) | one-team PR: deploy (s) | largest CLI peak RSS (MB) | program peak RSS (MB) |",
      "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n"),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
