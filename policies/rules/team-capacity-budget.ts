import { StackValidationPolicy } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { StackResource, stackPolicy } from "../lib/define";
import { numericConfig, teamOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface Budget {
  /** Σ partitions × replicas over the team's topics. */
  maxPartitionReplicas?: number;
  /** Σ retention.bytes × partitions × replicas over the team's topics. */
  maxRetentionBytes?: number;
}

interface CapacityBudgetConfig {
  budgets: Record<string, Budget>;
  defaultBudget: Budget;
}

const BUDGET: PolicyConfigJSONSchema = {
  type: "object",
  properties: {
    maxPartitionReplicas: { type: "integer", minimum: 0 },
    maxRetentionBytes: { type: "integer", minimum: 0 },
  },
  additionalProperties: false,
};

interface Usage {
  partitionReplicas: number;
  retentionBytes: number;
  /** Topics without a finite retention.bytes (their storage is unbounded). */
  unbounded: string[];
  first: StackResource<"KafkaTopic">;
}

export function teamCapacityBudget(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<CapacityBudgetConfig>(
    {
      name: "team-capacity-budget",
      description: "Teams with a capacity budget stay within it in partition replicas and retained bytes.",
      severity: "medium",
      remediationSteps:
        "Reduce partitions, replicas or retentionBytes of the team's topics, or agree a larger budget.",
      configSchema: {
        properties: {
          budgets: {
            type: "object",
            additionalProperties: BUDGET,
            default: {},
            description: "Budgets by team name.",
          },
          defaultBudget: {
            ...BUDGET,
            default: {},
            description: "Budget of teams not listed in `budgets` (empty: none).",
          },
        },
      },
      validate({ KafkaTopic }, { config, report }) {
        const usage = new Map<string, Usage>();
        for (const topic of KafkaTopic) {
          const team = teamOf(topic.object);
          if (!team) continue;
          const spec = topic.object.spec ?? {};
          const copies = (spec.partitions ?? 1) * (spec.replicas ?? 1);
          const bytes = numericConfig(spec.config, "retention.bytes");
          const u = usage.get(team) ?? {
            partitionReplicas: 0,
            retentionBytes: 0,
            unbounded: [],
            first: topic,
          };
          u.partitionReplicas += copies;
          if (bytes === undefined || bytes < 0) u.unbounded.push(topicNameOf(topic.object));
          else u.retentionBytes += bytes * copies;
          usage.set(team, u);
        }
        for (const [team, u] of usage) {
          // Own keys only: a team named e.g. `constructor` must not find Object.prototype's.
          const budget = Object.hasOwn(config.budgets, team) ? config.budgets[team] : config.defaultBudget;
          if (
            budget.maxPartitionReplicas !== undefined &&
            u.partitionReplicas > budget.maxPartitionReplicas
          ) {
            report(
              u.first,
              `team "${team}" uses ${u.partitionReplicas} partition replicas, over its budget of ${budget.maxPartitionReplicas}`,
            );
          }
          if (budget.maxRetentionBytes === undefined) continue;
          if (u.unbounded.length > 0) {
            const shown = u.unbounded.slice(0, 5).join(", ") + (u.unbounded.length > 5 ? ", …" : "");
            report(
              u.first,
              `team "${team}" has a retained-bytes budget but ${u.unbounded.length} topic(s) without retentionBytes (${shown}); set \`retentionBytes\``,
            );
          }
          if (u.retentionBytes > budget.maxRetentionBytes) {
            report(
              u.first,
              `team "${team}" may retain ${u.retentionBytes} bytes (retention.bytes × partitions × replicas), over its budget of ${budget.maxRetentionBytes}`,
            );
          }
        }
      },
    },
    clock,
  );
}
