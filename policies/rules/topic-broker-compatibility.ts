import { StackValidationPolicy } from "@pulumi/policy";
import { topicConfigTable, topicConfigValueProblem } from "../../core/kafka-configs/topic-configs";
import { StackResource, stackPolicy } from "../lib/define";
import { booleanConfig, clusterOf, numericConfig, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

/** Kafka's default `message.max.bytes` (broker), when the Kafka resource does not set it. */
export const KAFKA_DEFAULT_MESSAGE_MAX_BYTES = 1048588;

interface Cluster {
  version?: string;
  brokers: number;
  messageMaxBytes: number;
  tieredStorage: boolean;
}

/** Per Kafka cluster name: its version, broker count and the broker limits topics must respect. */
function clusters(resources: {
  Kafka: StackResource<"Kafka">[];
  KafkaNodePool: StackResource<"KafkaNodePool">[];
}): Map<string, Cluster> {
  const byName = new Map<string, Cluster>();
  for (const { object } of resources.Kafka) {
    const kafka = object.spec?.kafka;
    byName.set(clusterOf(object, "Kafka"), {
      version: kafka?.version,
      brokers: 0,
      messageMaxBytes: numericConfig(kafka?.config, "message.max.bytes") ?? KAFKA_DEFAULT_MESSAGE_MAX_BYTES,
      tieredStorage:
        kafka?.tieredStorage !== undefined ||
        booleanConfig(kafka?.config, "remote.log.storage.system.enable") === true,
    });
  }
  for (const { object } of resources.KafkaNodePool) {
    const cluster = byName.get(clusterOf(object, "KafkaNodePool"));
    if (cluster && (object.spec?.roles ?? []).includes("broker"))
      cluster.brokers += object.spec?.replicas ?? 0;
  }
  return byName;
}

export function topicBrokerCompatibility(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<Record<string, never>>(
    {
      name: "topic-broker-compatibility",
      description:
        "Topics ask only for what their brokers can honour: replicas within the broker count, a reachable min.insync.replicas, config values Kafka accepts, and no data-losing or unsupported settings.",
      severity: "critical",
      remediationSteps:
        "Fix the topic in its team file: leave `replicas` to the environment's default, keep min.insync.replicas below replicas, and use config values from Kafka's topic config documentation.",
      configSchema: { properties: {} },
      validate(resources, { report }) {
        const byName = clusters(resources);
        for (const topic of resources.KafkaTopic) {
          const name = topicNameOf(topic.object);
          const spec = topic.object.spec ?? {};
          const config = spec.config ?? {};
          const cluster = byName.get(clusterOf(topic.object, "KafkaTopic"));
          const replicas = spec.replicas;
          if (cluster && cluster.brokers > 0 && replicas !== undefined && replicas > cluster.brokers) {
            report(
              topic,
              `topic "${name}" asks for ${replicas} replicas, but the cluster has ${cluster.brokers} broker(s); leave \`replicas\` to the environment's default or lower it`,
            );
          }
          const insync = numericConfig(config, "min.insync.replicas");
          if (
            insync !== undefined &&
            replicas !== undefined &&
            insync >= replicas &&
            (insync > 1 || replicas > 1)
          ) {
            report(
              topic,
              insync > replicas
                ? `topic "${name}" has min.insync.replicas=${insync} with only ${replicas} replica(s): no write with acks=all can ever succeed`
                : `topic "${name}" has min.insync.replicas=${insync} with ${replicas} replicas: every broker restart blocks acks=all producers; keep min.insync.replicas below replicas`,
            );
          }
          if (booleanConfig(config, "unclean.leader.election.enable") === true) {
            report(
              topic,
              `topic "${name}" enables unclean.leader.election.enable, which loses acknowledged records; remove it`,
            );
          }
          if (cluster && !cluster.tieredStorage && booleanConfig(config, "remote.storage.enable") === true) {
            report(
              topic,
              `topic "${name}" sets remote.storage.enable, but the brokers have no tiered storage; remove it`,
            );
          }
          const maxMessage = numericConfig(config, "max.message.bytes");
          if (cluster && maxMessage !== undefined && maxMessage > cluster.messageMaxBytes) {
            report(
              topic,
              `topic "${name}" allows ${maxMessage}-byte batches (max.message.bytes), more than the brokers' message.max.bytes of ${cluster.messageMaxBytes}; followers could not replicate them`,
            );
          }
          const version = cluster?.version;
          if (version === undefined) continue;
          const table = topicConfigTable(version);
          if (!table) {
            report(
              topic,
              `no topic config definitions for Kafka ${version}; generate them with scripts/kafka-topic-configs/generate.sh ${version}`,
            );
            continue;
          }
          for (const [key, value] of Object.entries(config)) {
            const def = table.configs[key];
            const problem = def
              ? topicConfigValueProblem(key, value, def)
              : `${key} is not a topic config of Kafka ${version}`;
            if (problem) report(topic, `topic "${name}" config ${key}: ${problem}`);
          }
        }
      },
    },
    clock,
  );
}
