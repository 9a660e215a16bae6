import { ResourceValidationPolicy } from "@pulumi/policy";
import { environments, perEnvironment } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment, PerEnvironment } from "../lib/environment";
import { numericConfig, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface SharedBrokerCapacityConfig {
  environments: Environment[];
  maxPartitions: PerEnvironment<number>;
  maxTopicBytes: PerEnvironment<number>;
}

const GIB = 1024 ** 3;

export function sharedBrokerCapacity(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaTopic", SharedBrokerCapacityConfig>(
    {
      name: "shared-broker-capacity",
      description:
        "Where every team shares a small cluster (dev), no topic takes more than its share of partitions or disk.",
      severity: "high",
      remediationSteps:
        "Lower `partitions` or `retentionBytes` of the topic in its team file; dev needs no production sizes.",
      configSchema: {
        properties: {
          environments: environments(["dev"], "Environments whose brokers are shared this way."),
          maxPartitions: perEnvironment(
            "integer",
            { dev: 24, prod: 1000 },
            "Largest spec.partitions of one topic per environment.",
          ),
          maxTopicBytes: perEnvironment(
            "integer",
            { dev: 8 * GIB, prod: 1024 * GIB },
            "Largest retention.bytes × partitions × replicas of one topic per environment.",
          ),
        },
      },
      kind: "KafkaTopic",
      validate(topic, { config, environment, report }) {
        if (!config.environments.includes(environment)) return;
        const name = topicNameOf(topic);
        const partitions = topic.spec?.partitions ?? 1;
        const replicas = topic.spec?.replicas ?? 1;
        const maxPartitions = config.maxPartitions[environment];
        if (partitions > maxPartitions) {
          report(
            `topic "${name}" has ${partitions} partitions; a topic on the shared ${environment} brokers has at most ${maxPartitions}`,
          );
        }
        const bytes = numericConfig(topic.spec?.config, "retention.bytes");
        const maxBytes = config.maxTopicBytes[environment];
        if (bytes !== undefined && bytes >= 0 && bytes * partitions * replicas > maxBytes) {
          report(
            `topic "${name}" may keep ${bytes * partitions * replicas} bytes (retention.bytes × partitions × replicas); a topic on the shared ${environment} brokers keeps at most ${maxBytes}`,
          );
        }
      },
    },
    clock,
  );
}
