import { ResourceValidationPolicy } from "@pulumi/policy";
import { perEnvironment } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { PerEnvironment } from "../lib/environment";
import { booleanConfig, numericConfig } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface BrokerDurabilityConfig {
  minReplicationFactor: PerEnvironment<number>;
  minInsyncReplicas: PerEnvironment<number>;
}

/** Broker settings that must be at least the replication minimum. */
const REPLICATION_KEYS = [
  "default.replication.factor",
  "offsets.topic.replication.factor",
  "transaction.state.log.replication.factor",
];
/** Broker settings that must be at least the in-sync minimum. */
const INSYNC_KEYS = ["min.insync.replicas", "transaction.state.log.min.isr"];

export function kafkaBrokerDurability(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"Kafka", BrokerDurabilityConfig>(
    {
      name: "kafka-broker-durability",
      description:
        "The broker config replicates data and internal topics, requires in-sync replicas, and never creates topics or elects unclean leaders.",
      severity: "high",
      remediationSteps:
        "Set the replication settings in `kafka-platform:kafka.replication` of the stack config.",
      configSchema: {
        properties: {
          minReplicationFactor: perEnvironment(
            "integer",
            { dev: 1, prod: 3 },
            "Smallest default and internal-topic replication factor per environment.",
          ),
          minInsyncReplicas: perEnvironment(
            "integer",
            { dev: 1, prod: 2 },
            "Smallest min.insync.replicas (and transaction.state.log.min.isr) per environment.",
          ),
        },
      },
      kind: "Kafka",
      validate(kafka, { config, environment, report }) {
        const where = `Kafka "${kafka.metadata?.name}" spec.kafka.config`;
        const brokerConfig = kafka.spec?.kafka?.config;
        const check = (keys: string[], min: number) => {
          for (const key of keys) {
            const value = numericConfig(brokerConfig, key);
            if (value === undefined ? min > 1 : value < min) {
              report(
                `${where} ${key}=${value ?? "(unset)"} is below the ${environment} minimum of ${min}; set ${key}: ${min}`,
              );
            }
          }
        };
        check(REPLICATION_KEYS, config.minReplicationFactor[environment]);
        check(INSYNC_KEYS, config.minInsyncReplicas[environment]);
        if (booleanConfig(brokerConfig, "auto.create.topics.enable") !== false) {
          report(`${where} does not set auto.create.topics.enable: false; topics must come from team files`);
        }
        if (booleanConfig(brokerConfig, "unclean.leader.election.enable") === true) {
          report(
            `${where} enables unclean.leader.election.enable, which loses acknowledged data; set it to false`,
          );
        }
      },
    },
    clock,
  );
}
