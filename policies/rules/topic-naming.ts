import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../lib/define";
import { isInsidePrefix, prefixOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface TopicNamingConfig {
  pattern: string;
  requireTeamPrefix: boolean;
}

/** Lower-case dot-separated segments (hyphens inside a segment), at least two: `payments.orders.v1`. */
export const DEFAULT_TOPIC_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+$";

const patterns = new Map<string, RegExp | undefined>();

/** The pattern compiled once per text, or undefined when it is not a valid regular expression. */
function compiled(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern));
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

export function topicNaming(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", TopicNamingConfig>(
    {
      name: "topic-naming",
      description: "Topic names follow the naming convention and start with the owning team's prefix.",
      severity: "medium",
      remediationSteps:
        "Rename the topic in the team file (a new topic; migrate consumers) or adjust the pattern.",
      configSchema: {
        properties: {
          pattern: {
            type: "string",
            default: DEFAULT_TOPIC_PATTERN,
            description: "Regular expression every topic name must match.",
          },
          requireTeamPrefix: {
            type: "boolean",
            default: true,
            description: "Whether names must start with `<prefix>.` of the owning team.",
          },
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, report }) {
        const name = topicNameOf(topic);
        const pattern = compiled(config.pattern);
        if (!pattern) {
          report(
            `the configured topic-naming pattern ${config.pattern} is not a valid regular expression; fix the policy config`,
          );
        } else if (!pattern.test(name)) {
          report(
            `topic "${name}" does not match the naming pattern ${config.pattern}; ` +
              `use lower-case dot-separated segments such as "payments.orders.v1"`,
          );
        }
        const prefix = prefixOf(topic);
        // A topic without a team is topic-single-owner's finding (reported once, there).
        if (config.requireTeamPrefix && prefix && !isInsidePrefix(name, prefix)) {
          report(
            `topic "${name}" does not start with its team's prefix "${prefix}."; rename it to "${prefix}.…"`,
          );
        }
      },
    },
    clock,
  );
}
