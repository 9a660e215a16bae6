import { ResourceValidationPolicy } from "@pulumi/policy";
import { perEnvironment } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { PerEnvironment } from "../lib/environment";
import { cleanupPoliciesOf, formatMs, numericConfig, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface TopicRetentionConfig {
  maxRetentionMs: PerEnvironment<number>;
  minRetentionMs: PerEnvironment<number>;
  maxAppliesToCompacted: boolean;
}

const DAY = 86_400_000;

export function topicRetention(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", TopicRetentionConfig>(
    {
      name: "topic-retention",
      description:
        "Every topic sets retention.ms within the environment's bounds, and only compacted topics keep data longer or forever.",
      severity: "high",
      remediationSteps:
        "Set `retention` in the team file within the bounds, or use `cleanupPolicy: compact` for unlimited retention.",
      configSchema: {
        properties: {
          maxRetentionMs: perEnvironment(
            "integer",
            { dev: 7 * DAY, prod: 30 * DAY },
            "Largest finite retention.ms per environment.",
          ),
          minRetentionMs: perEnvironment(
            "integer",
            { dev: 60_000, prod: 3_600_000 },
            "Smallest retention.ms per environment.",
          ),
          maxAppliesToCompacted: {
            type: "boolean",
            default: false,
            description:
              "Whether the maximum also bounds compacted topics (which may keep data forever, so by default any finite retention).",
          },
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, environment, report }) {
        const name = topicNameOf(topic);
        const topicConfig = topic.spec?.config;
        const retention = numericConfig(topicConfig, "retention.ms");
        if (retention === undefined) {
          report(`topic "${name}" does not set retention.ms; set \`retention\` in its team file`);
          return;
        }
        const compacted = cleanupPoliciesOf(topicConfig).includes("compact");
        if (retention < 0) {
          if (!compacted) {
            report(
              `topic "${name}" has unlimited retention (retention.ms=${retention}) without compaction; ` +
                `set a finite \`retention\` or \`cleanupPolicy: compact\``,
            );
          }
          return;
        }
        const max = config.maxRetentionMs[environment];
        const min = config.minRetentionMs[environment];
        if (retention > max && (!compacted || config.maxAppliesToCompacted)) {
          report(
            `topic "${name}" retains data for ${formatMs(retention)} (retention.ms=${retention}), ` +
              `more than the ${environment} maximum of ${formatMs(max)}; lower its \`retention\``,
          );
        } else if (retention < min) {
          report(
            `topic "${name}" retains data for only ${formatMs(retention)} (retention.ms=${retention}), ` +
              `less than the ${environment} minimum of ${formatMs(min)}; raise its \`retention\``,
          );
        }
      },
    },
    clock,
  );
}
