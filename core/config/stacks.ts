import { z } from "zod";

/** A team name, or a group of teams sharing one team stack (kebab-case, as team names). */
const GROUP_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * How the environment is split into Pulumi stacks (docs/stacks.md). `single`: one stack holds the
 * platform and every team. `split`: the platform stack (`<env>`) holds the cluster, Strimzi, Kafka,
 * monitoring and add-ons; each team, or group of teams, has its own stack `<env>.teams.<group>`,
 * run by `kafka-platform up|preview|destroy --env <env>`.
 */
export const StacksConfig = z.strictObject({
  layout: z
    .enum(["single", "split"])
    .describe(
      "single: one stack per environment; split: a platform stack and team stacks (move an existing deployment with `kafka-platform migrate-stacks`).",
    ),
  groups: z
    .record(
      z.string().regex(GROUP_NAME, "a lower-case name such as small-teams"),
      z.array(z.string()).min(1, "must name at least one team"),
    )
    .describe(
      "Team stacks holding several (small) teams: group name → team names. Other teams get a stack each.",
    ),
});
export type StacksConfig = z.infer<typeof StacksConfig>;

export function stacksDefaults(): Record<string, unknown> {
  return { layout: "single", groups: {} };
}
