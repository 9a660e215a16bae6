import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { ProgramRun, runProgram, PROJECT_ROOT } from "../../../../harness/engine";

/** The example team files, with `alerts.maxLagMessages: 2500` added to payments. */
export function teamsWithAlerts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-monitoring-teams-"));
  cpSync(path.join(PROJECT_ROOT, "teams"), dir, { recursive: true });
  const payments = path.join(dir, "payments.yaml");
  writeFileSync(payments, `${readFileSync(payments, "utf8")}\nalerts:\n  maxLagMessages: 2500\n`);
  return dir;
}

const runs = new Map<string, Promise<ProgramRun>>();

/** One program run per stack (with the alerting team files), shared by the monitoring tests. */
export function monitoringRun(stack: "dev" | "prod"): Promise<ProgramRun> {
  if (!runs.has(stack)) runs.set(stack, runProgram({ stack, teamsDir: teamsWithAlerts() }));
  return runs.get(stack)!;
}
