/**
 * `npm run bench:engine` (not in CI): the `local` stack with a synthetic organisation through the
 * real engine against the engine tier's API server (docs/engine-tier.md): `up`, a preview with
 * nothing changed and a preview after one team's change, with the peak memory of the Pulumi CLI
 * and of this process (the program). Sizes: BENCH_ENGINE_TEAMS (default "20,200").
 * Prints a Markdown table for docs/performance.md.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startControlPlane } from "../tests/engine/control-plane";
import { createEngineStack } from "../tests/engine/stack";
import { addTopic } from "../tests/engine/team-edits";
import { writeOrganisation } from "./organisation";

/** Peak resident memory (VmHWM) of this process's `pulumi` children, sampled every 250 ms. */
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

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_ENGINE_TEAMS ?? "20,200").split(",").map(Number);
  const rows: string[] = [];
  for (const teams of sizes) {
    const teamsDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-engine-teams-"));
    writeOrganisation(teamsDir, { teams, topicsPerTeam: 25, appsPerTeam: 5 });
    const controlPlane = await startControlPlane();
    const engine = await createEngineStack({ kubeconfig: controlPlane.kubeconfig, teamsDir });
    try {
      const up = await measure(() => engine.stack.up());
      const resources = Object.values(up.result.summary.resourceChanges ?? {}).reduce(
        (a, n) => a + (n ?? 0),
        0,
      );
      const same = await measure(() => engine.stack.preview());
      addTopic(teamsDir, "team-0000", { name: "team-0000.bench-added.v1" });
      const changed = await measure(() => engine.stack.preview());
      const programMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const row = [
        teams,
        resources,
        up.s,
        same.s,
        changed.s,
        Math.max(up.cliMb, same.cliMb, changed.cliMb),
        programMb,
      ];
      console.log(
        JSON.stringify({
          teams,
          resources,
          up: up.s,
          same: same.s,
          changed: changed.s,
          cliMb: row[5],
          programMb,
        }),
      );
      rows.push(`| ${row.join(" | ")} |`);
    } finally {
      engine.dispose();
      await controlPlane.stop();
      fs.rmSync(teamsDir, { recursive: true, force: true });
    }
  }
  console.log(
    [
      "| teams | resources | `up` (s) | preview, no change (s) | preview, one team changed (s) | CLI peak RSS (MB) | program peak RSS (MB) |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n"),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
