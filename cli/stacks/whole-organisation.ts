/**
 * The offline commands (`policy`, `render`) run the program once for the whole environment: in the
 * split layout the platform stack declares no team, so they run it as the single layout would, and
 * the policy pack's stack policies (prefix overlap, single owner, cross-team ACL references) see
 * every team together, which a team stack's own preview cannot (docs/stacks.md).
 */
import { CONFIG_NAMESPACE } from "../../core/config/schema";
import { readStackConfig } from "../../harness/engine";

/** Config overrides that set `kafka-platform:stacks.layout` to single, keeping the groups. */
export function wholeOrganisationOverrides(projectRoot: string, stack: string): Record<string, unknown> {
  const raw = readStackConfig(projectRoot, stack).config[`${CONFIG_NAMESPACE}:stacks`];
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {}; // not an object: the program reports it where it is
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return { [`${CONFIG_NAMESPACE}:stacks`]: { ...value, layout: "single" } };
}
