/**
 * `kafka-platform up|preview|destroy --env ENV`: the platform stack when it changed, then the team
 * stacks with bounded parallelism (destroy: the team stacks first). Validation is global: the whole
 * organisation is validated once, before any stack runs, and every team stack's program is handed
 * that result. A failed team stack does not stop the others; the outcome of each is returned.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { StackPlan } from "../../core/stacks/plan";
import type { Organisation } from "../../core/teams";
import { validatePlatform } from "../../program";
import { inPool } from "./pool";
import { countChanges, failureReason, hasChanges, StackAction, StackOutcome } from "./summary";
import { EnvironmentWorkspaces, platformAccess } from "./workspaces";

export interface RunEnvironmentOptions {
  action: StackAction;
  /**
   * Team stacks to run (by name), chosen among the plan's and the removed ones (existing team
   * stacks whose teams are gone); undefined: all of them.
   */
  teamStacks?: (plan: StackPlan, org: Organisation, removed: readonly string[]) => string[];
  /** Run the platform stack (default true; `--teams` leaves it out). */
  platform?: boolean;
  /** Team stacks at once (default 4). */
  parallel?: number;
  /** A progress line per stack as it ends. */
  progress?: (outcome: StackOutcome) => void;
  /** What every preview and update of every stack also gets (policy packs, refresh, expect no changes). */
  engine?: EngineOptions;
  /**
   * The split layout's organisation-wide check, after validation and before any stack runs: a
   * reason to stop, or undefined (stack policies in a team stack see only that stack; docs/stacks.md).
   */
  organisationCheck?: () => Promise<string | undefined>;
  /** Every engine event of every stack (tests). */
  onEvent?: (stack: string, event: EngineEvent) => void;
}

/** The type of the team component: its presence in the platform stack means the teams were not moved yet. */
export const KAFKA_TEAM_TYPE = "kafka-platform:teams:KafkaTeam";

export interface EnvironmentRun {
  plan: StackPlan;
  layout: "single" | "split";
  outcomes: StackOutcome[];
}

async function timed(
  stack: string,
  teams: StackOutcome["teams"],
  run: () => Promise<Pick<StackOutcome, "changes"> & { status?: StackOutcome["status"] }>,
): Promise<StackOutcome> {
  const start = Date.now();
  try {
    const r = await run();
    const seconds = (Date.now() - start) / 1000;
    return { stack, teams, status: r.status ?? "succeeded", changes: r.changes, seconds };
  } catch (e) {
    return {
      stack,
      teams,
      status: "failed",
      changes: {},
      reason: failureReason(e),
      seconds: (Date.now() - start) / 1000,
    };
  }
}

/** Options of the engine passed to every stack's preview and update, as `pulumi preview|up` takes them. */
export interface EngineOptions {
  /** Policy packs (`--policy-pack`): each stack's resources are checked, and mandatory violations fail it. */
  policyPacks?: string[];
  /** Their configuration files (`--policy-pack-config`). */
  policyPackConfigs?: string[];
  /** Refresh the state from the cluster first (`--refresh`; drift detection). */
  refresh?: boolean;
  /** A stack with any change fails (`--expect-no-changes`; drift detection). */
  expectNoChanges?: boolean;
}

/** One action on one stack, with its change counts. */
async function act(
  stack: Stack,
  action: StackAction,
  onEvent?: (e: EngineEvent) => void,
  engine: EngineOptions = {},
) {
  if (action === "preview")
    return { changes: countChanges((await stack.preview({ onEvent, ...engine })).changeSummary) };
  if (action === "up")
    return { changes: countChanges((await stack.up({ onEvent, ...engine })).summary.resourceChanges) };
  return { changes: countChanges((await stack.destroy({ onEvent })).summary.resourceChanges) };
}

/**
 * Validates the organisation against the platform stack's configuration (returned too, as team
 * stacks read it); throws the located UserError.
 */
export async function validateEnvironment(ws: EnvironmentWorkspaces) {
  const raw = await ws.platformConfig();
  const { projectRoot, program, env } = ws.options;
  return { ...validatePlatform(projectRoot, { ...program }, env, raw), raw };
}

export async function runEnvironment(
  ws: EnvironmentWorkspaces,
  o: RunEnvironmentOptions,
): Promise<EnvironmentRun> {
  const platform = await ws.platformStack();
  const validated = await validateEnvironment(ws);
  const { config, stacks: plan, teams: org } = validated;
  const layout = config.stacks.layout;
  const events = (name: string) => (o.onEvent ? (e: EngineEvent) => o.onEvent!(name, e) : undefined);
  const outcomes: StackOutcome[] = [];
  const report = (outcome: StackOutcome) => {
    outcomes.push(outcome);
    o.progress?.(outcome);
    return outcome;
  };

  const runPlatform = async () =>
    report(await timedPlatform(platform, o.action, events(platform.name), o.engine));
  // The single layout: the platform stack holds everything (and there is no team stack to run alone).
  if (layout === "single") {
    if (o.platform !== false) await runPlatform();
    return { plan, layout, outcomes };
  }
  const unmoved = await teamsInPlatformState(platform);
  if (unmoved.length > 0) {
    report({
      stack: platform.name,
      teams: "platform",
      status: "failed",
      changes: {},
      reason: `the layout is split, but the platform stack still holds teams (${unmoved.slice(0, 5).join(", ")}${unmoved.length > 5 ? ", …" : ""}): run \`kafka-platform migrate-stacks --env ${platform.name}\` first (docs/runbooks/split-stacks.md); nothing was run`,
      seconds: 0,
    });
    return { plan, layout, outcomes };
  }

  if (o.action !== "destroy" && o.organisationCheck) {
    const reason = await o.organisationCheck();
    if (reason) {
      report({ stack: platform.name, teams: "platform", status: "failed", changes: {}, reason, seconds: 0 });
      return { plan, layout, outcomes };
    }
  }
  const existing = await ws.existingTeamStacks();
  const planned = new Set(plan.teamStacks.map((s) => s.name));
  const removed = existing.filter((n) => !planned.has(n));
  const selected = o.teamStacks ? new Set(o.teamStacks(plan, org, removed)) : undefined;
  const teamStacks = [
    ...plan.teamStacks
      .filter((s) => !selected || selected.has(s.name))
      .map((s) => ({ name: s.name, teams: s.teams })),
    // A stack whose teams are gone runs with nothing declared, so its resources are deleted.
    ...removed.filter((n) => !selected || selected.has(n)).map((name) => ({ name, teams: [] as string[] })),
  ].filter((s) => o.action !== "destroy" || existing.includes(s.name));

  if (o.action !== "destroy" && o.platform !== false) {
    const outcome = await runPlatform();
    if (outcome.status === "failed") {
      for (const s of teamStacks) report(skipped(s, "the platform stack failed"));
      return { plan, layout, outcomes };
    }
  }
  const access = await platformAccess(platform);
  if (typeof access === "string") {
    for (const s of teamStacks) report(skipped(s, access));
    return { plan, layout, outcomes };
  }
  ws.setTeamInput({ platformConfig: validated.raw, platform: access, validated });
  const teamOutcomes = await inPool(teamStacks, o.parallel ?? 4, async (s) =>
    report(
      await timed(s.name, s.teams, async () => {
        const stack = await ws.teamStack(s.name);
        // A preview of a new team's stack leaves no empty stack behind (a pull request never merged).
        if (o.action !== "preview" || existing.includes(s.name))
          return act(stack, o.action, events(s.name), o.engine);
        try {
          return await act(stack, o.action, events(s.name), o.engine);
        } finally {
          await (await ws.teams()).removeStack(s.name);
        }
      }),
    ),
  );
  // Destroy: the platform (and the Kafka cluster) goes only once every team stack is empty.
  if (o.action === "destroy" && o.platform !== false) {
    if (teamOutcomes.some((t) => t.status === "failed"))
      report(skipped({ name: platform.name, teams: "platform" }, "a team stack failed to destroy"));
    else await runPlatform();
  }
  return { plan, layout, outcomes };
}

function skipped(s: { name: string; teams: StackOutcome["teams"] }, reason: string): StackOutcome {
  return { stack: s.name, teams: s.teams, status: "skipped", changes: {}, reason, seconds: 0 };
}

/** `up` runs only when a preview shows a change ("runs the platform stack when it changed"). */
function timedPlatform(
  platform: Stack,
  action: StackAction,
  onEvent?: (e: EngineEvent) => void,
  engine?: EngineOptions,
): Promise<StackOutcome> {
  return timed(platform.name, "platform", async () => {
    if (action !== "up") return act(platform, action, onEvent, engine);
    const preview = await act(platform, "preview", undefined, engine);
    // Outputs are not steps: an older deployment may lack the outputs team stacks read.
    const outputsReady = typeof (await platformAccess(platform)) !== "string";
    if (!hasChanges(preview) && outputsReady) return { ...preview, status: "unchanged" };
    return act(platform, "up", onEvent, engine);
  });
}

/** The teams whose KafkaTeam component is still in the platform stack's state. */
export async function teamsInPlatformState(platform: Stack): Promise<string[]> {
  const state = await platform.exportStack();
  const resources = (state.deployment?.resources ?? []) as { type: string; urn: string }[];
  return resources.filter((r) => r.type === KAFKA_TEAM_TYPE).map((r) => r.urn.split("::").pop()!);
}
