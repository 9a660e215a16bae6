import { ResourceValidationPolicy } from "@pulumi/policy";
import { DELETION_ANNOTATION } from "../../core/labels";
import { environments } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { annotationOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface TopicDeletionProtectionConfig {
  environments: Environment[];
}

export function topicDeletionProtection(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", TopicDeletionProtectionConfig>(
    {
      name: "topic-deletion-protection",
      description:
        "In protected environments every topic is a protected Pulumi resource unless its team file allows deletion.",
      severity: "critical",
      remediationSteps:
        "Keep `deletion: protect` (the default) so the program sets `protect`, or set `deletion: allow` on the topic deliberately.",
      configSchema: {
        properties: {
          environments: environments(["prod"], "Environments in which topics must be protected."),
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, environment, protect, report }) {
        if (!config.environments.includes(environment) || protect) return;
        if (annotationOf(topic, DELETION_ANNOTATION) === "allow") return;
        report(
          `topic "${topicNameOf(topic)}" is not protected in ${environment}: removing it from its team file would delete its data; ` +
            `keep \`deletion: protect\` (Pulumi protect) or set \`deletion: allow\` deliberately`,
        );
      },
    },
    clock,
  );
}
