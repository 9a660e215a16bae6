/**
 * Which Pulumi stack holds what, in the `split` layout (docs/stacks.md): the platform stack is the
 * environment's stack (`prod`); each team, or group of teams from `kafka-platform:stacks.groups`,
 * has the team stack `<platform>.teams.<group>`. Pure: the CLI, the program and the tests share it.
 */
import type { ConfigSource, PlatformConfig } from "../config";
import { CONFIG_NAMESPACE } from "../config/schema";
import { Problem, UserError } from "../errors";
import { excerpt } from "../validation/excerpt";
import { didYouMean } from "../validation/suggest";
import { locate } from "../validation/yaml-source";
import { formatPath } from "../validation/zod-problems";

/** Between the platform stack's name and a team stack's group: `prod.teams.payments`. */
export const TEAM_STACK_INFIX = ".teams.";

/** One team stack: its name, its group and the teams it holds. */
export interface TeamStackPlan {
  /** The Pulumi stack name, `<platform>.teams.<group>`. */
  name: string;
  /** The group: the team's own name, or a group of `kafka-platform:stacks.groups`. */
  group: string;
  /** The teams the stack holds, in team-file order. */
  teams: string[];
}

/** The stacks of one environment. */
export interface StackPlan {
  /** The platform stack (the environment's stack, e.g. `prod`). */
  platform: string;
  /** One team stack per group, in team-file order of their first team. */
  teamStacks: TeamStackPlan[];
}

export function teamStackName(platformStack: string, group: string): string {
  return `${platformStack}${TEAM_STACK_INFIX}${group}`;
}

/** The platform stack and group of a team stack's name, or undefined for any other stack name. */
export function parseTeamStackName(stack: string): { platform: string; group: string } | undefined {
  const i = stack.lastIndexOf(TEAM_STACK_INFIX);
  if (i <= 0) return undefined;
  const group = stack.slice(i + TEAM_STACK_INFIX.length);
  return group ? { platform: stack.slice(0, i), group } : undefined;
}

/** Where `kafka-platform:stacks.<path>` is in the stack file, as a problem's location. */
function stacksConfigAt(source: ConfigSource, path: (string | number)[], key = false) {
  return {
    file: source.file,
    ...(source.yaml
      ? locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:stacks`, ...path], { key })
      : undefined),
    path: formatPath(path, `${CONFIG_NAMESPACE}:stacks`),
  };
}

/**
 * A team stack's run needs the split layout: in the single layout the platform stack holds every
 * team, and a team stack would manage the same Kubernetes objects a second time.
 */
export function teamStackLayoutProblems(
  teamStack: string,
  config: Pick<PlatformConfig, "stacks">,
  source: ConfigSource,
): Problem[] {
  if (config.stacks.layout === "split") return [];
  return [
    {
      ...stacksConfigAt(source, ["layout"]),
      message: `is "single": the platform stack holds every team, so team stack ${teamStack} must not run; set layout: split to use team stacks (docs/stacks.md)`,
    },
  ];
}

/** Problems of the split layout's configuration against the organisation's team names. */
export function stackPlanProblems(
  config: Pick<PlatformConfig, "stacks" | "addons">,
  teamNames: readonly string[],
  source: ConfigSource,
): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], key = false) => stacksConfigAt(source, path, key);
  const known = new Set(teamNames);
  const groupOf = new Map<string, string>();
  for (const [group, members] of Object.entries(config.stacks.groups)) {
    if (known.has(group) && !(members.length === 1 && members[0] === group)) {
      problems.push({
        ...at(["groups", group], true),
        message: `"${group}" is a team's name: its team stack would be the group's; name the group otherwise`,
      });
    }
    members.forEach((team, i) => {
      if (!known.has(team)) {
        problems.push({
          ...at(["groups", group, i]),
          message: `no team file declares team ${excerpt(team)}${didYouMean(team, teamNames)}`,
        });
      } else if (groupOf.has(team)) {
        problems.push({
          ...at(["groups", group, i]),
          message: `team "${team}" is already in group "${groupOf.get(team)}"; a team lives in one stack`,
        });
      } else groupOf.set(team, group);
    });
  }
  if (config.stacks.layout === "split" && config.addons.keycloak.enabled) {
    problems.push({
      ...at(["layout"]),
      message:
        "the split layout does not support the keycloak add-on yet: its per-application OAuth Secrets live in team namespaces, which team stacks own (docs/stacks.md); keep layout single",
    });
  }
  return problems;
}

/**
 * The environment's stacks: each team in its group's stack, or its own. Throws a located
 * UserError where the groups name unknown teams or a team twice.
 */
export function planStacks(
  platformStack: string,
  config: Pick<PlatformConfig, "stacks" | "addons">,
  teamNames: readonly string[],
  source: ConfigSource,
): StackPlan {
  const problems = stackPlanProblems(config, teamNames, source);
  if (problems.length > 0) throw new UserError(problems, "Invalid stack layout:");
  const groupOf = new Map<string, string>();
  for (const [group, members] of Object.entries(config.stacks.groups))
    for (const team of members) groupOf.set(team, group);
  const byGroup = new Map<string, TeamStackPlan>();
  for (const team of teamNames) {
    const group = groupOf.get(team) ?? team;
    const plan = byGroup.get(group) ?? { name: teamStackName(platformStack, group), group, teams: [] };
    plan.teams.push(team);
    byGroup.set(group, plan);
  }
  return { platform: platformStack, teamStacks: [...byGroup.values()] };
}
