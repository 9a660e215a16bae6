import { ResourceValidationPolicy } from "@pulumi/policy";
import { perEnvironment } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { PerEnvironment } from "../lib/environment";
import { numericConfig, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface TopicDurabilityConfig {
  minReplicas: PerEnvironment<number>;
  minInsyncReplicas: PerEnvironment<number>;
  insyncBelowReplicas: PerEnvironment<boolean>;
  maxPartitions: PerEnvironment<number>;
}

export function topicDurability(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", TopicDurabilityConfig>(
    {
      name: "topic-durability",
      description:
        "Topics have enough replicas and in-sync replicas to survive a broker loss, and a bounded number of partitions.",
      severity: "high",
      remediationSteps:
        "Set `replicas`, `partitions` or `config: {min.insync.replicas}` of the topic in its team file.",
      configSchema: {
        properties: {
          minReplicas: perEnvironment(
            "integer",
            { dev: 1, prod: 3 },
            "Smallest spec.replicas per environment.",
          ),
          minInsyncReplicas: perEnvironment(
            "integer",
            { dev: 1, prod: 2 },
            "Smallest min.insync.replicas per environment.",
          ),
          insyncBelowReplicas: perEnvironment(
            "boolean",
            { dev: false, prod: true },
            "Whether min.insync.replicas must be below replicas (a replica may fail without blocking producers).",
          ),
          maxPartitions: perEnvironment(
            "integer",
            { dev: 100, prod: 100 },
            "Largest spec.partitions per environment.",
          ),
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, environment, report }) {
        const name = topicNameOf(topic);
        const replicas = topic.spec?.replicas;
        const partitions = topic.spec?.partitions;
        const minReplicas = config.minReplicas[environment];
        const minInsync = config.minInsyncReplicas[environment];
        if (replicas === undefined) {
          if (minReplicas > 1)
            report(`topic "${name}" does not set spec.replicas; set \`replicas: ${minReplicas}\``);
        } else if (replicas < minReplicas) {
          report(
            `topic "${name}" has ${replicas} replica(s), fewer than the ${environment} minimum of ${minReplicas}; set \`replicas: ${minReplicas}\``,
          );
        }
        const insync = numericConfig(topic.spec?.config, "min.insync.replicas");
        if (insync === undefined) {
          if (minInsync > 1) {
            report(`topic "${name}" does not set min.insync.replicas; set it to at least ${minInsync}`);
          }
        } else if (insync < minInsync) {
          report(
            `topic "${name}" has min.insync.replicas=${insync}, below the ${environment} minimum of ${minInsync}`,
          );
        }
        if (
          config.insyncBelowReplicas[environment] &&
          insync !== undefined &&
          replicas !== undefined &&
          insync >= replicas
        ) {
          report(
            `topic "${name}" has min.insync.replicas=${insync} with ${replicas} replica(s): one broker loss blocks producers; ` +
              `keep min.insync.replicas below replicas`,
          );
        }
        const maxPartitions = config.maxPartitions[environment];
        if (partitions !== undefined && partitions > maxPartitions) {
          report(
            `topic "${name}" has ${partitions} partitions, more than the ${environment} maximum of ${maxPartitions}`,
          );
        } else if (partitions !== undefined && partitions < 1) {
          report(`topic "${name}" has ${partitions} partitions; a topic needs at least 1`);
        }
      },
    },
    clock,
  );
}
