/**
 * The policy pack's configuration for team stacks. A team stack holds one team (or group), so a
 * stack policy sees that team alone: most then check less (prefix overlap, single owner, broker
 * limits: the Kafka resource is in the platform stack), but `acl-topic-references` would report
 * every topic another team granted as undeclared. Such policies are disabled in team stacks; the
 * review workflow's `kafka-platform policy --stack ENV` runs the whole pack on the whole
 * organisation (docs/stacks.md).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { UsageError } from "../command";

/** Stack policies that report false findings when they see one team's stack. */
export const WHOLE_ORGANISATION_POLICIES = ["acl-topic-references"] as const;

/** `config` (a policy pack configuration) with the whole-organisation policies disabled. */
export function teamStackPolicyConfig(config: Record<string, unknown>): Record<string, unknown> {
  const result = { ...config };
  for (const name of WHOLE_ORGANISATION_POLICIES) {
    const current = result[name];
    result[name] =
      current && typeof current === "object" && !Array.isArray(current)
        ? { ...current, enforcementLevel: "disabled" }
        : { enforcementLevel: "disabled" };
  }
  return result;
}

/** A policy pack configuration file (`--policy-pack-config`): a JSON object, or a usage error. */
export function readPolicyConfigFile(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw new UsageError(`--policy-pack-config: ${JSON.stringify(file.slice(-80))} is not a JSON object`);
  }
}

/** Writes the team stacks' configuration derived from `file` (or from none) to a temporary file. */
export function writeTeamStackPolicyConfig(file: string | undefined): { file: string; remove: () => void } {
  const config = file ? readPolicyConfigFile(file) : {};
  const dir = mkdtempSync(path.join(tmpdir(), "kafka-platform-policy-"));
  const out = path.join(dir, "team-stacks.json");
  writeFileSync(out, `${JSON.stringify(teamStackPolicyConfig(config), null, 2)}\n`);
  return { file: out, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
