import { ResourceValidationPolicy } from "@pulumi/policy";
import { CLASSIFICATION_ANNOTATION, DESCRIPTION_ANNOTATION } from "../../core/labels";
import { environments } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { annotationOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface TopicCatalogMetadataConfig {
  environments: Environment[];
  requireDescription: boolean;
  requireClassification: boolean;
}

export function topicCatalogMetadata(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", TopicCatalogMetadataConfig>(
    {
      name: "topic-catalog-metadata",
      description:
        "In the configured environments every topic states in its team file what it carries and how sensitive its data is, so the catalog is complete.",
      severity: "low",
      remediationSteps:
        "Add a one-line `description` and a `classification` (one of the platform's `teams.classifications`) to the topic in its team file.",
      configSchema: {
        properties: {
          environments: environments(
            [],
            "Environments in which topics must carry catalog metadata (none by default: the rule is off until a platform opts in, e.g. [prod]).",
          ),
          requireDescription: {
            type: "boolean",
            default: true,
            description: "Whether a topic needs a `description`.",
          },
          requireClassification: {
            type: "boolean",
            default: true,
            description: "Whether a topic needs a `classification`.",
          },
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, environment, report }) {
        if (!config.environments.includes(environment)) return;
        const missing = [
          ...(config.requireDescription && !annotationOf(topic, DESCRIPTION_ANNOTATION)
            ? ["description"]
            : []),
          ...(config.requireClassification && !annotationOf(topic, CLASSIFICATION_ANNOTATION)
            ? ["classification"]
            : []),
        ];
        if (missing.length === 0) return;
        report(
          `topic "${topicNameOf(topic)}" has no ${missing.join(" and no ")} in its team file; ` +
            `the ${environment} catalog requires ${missing.join(" and ")} for every topic`,
        );
      },
    },
    clock,
  );
}
