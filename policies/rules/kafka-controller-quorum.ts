import { StackValidationPolicy } from "@pulumi/policy";
import { perEnvironment } from "../lib/config";
import { StackResource, stackPolicy } from "../lib/define";
import { PerEnvironment } from "../lib/environment";
import { clusterOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface ControllerQuorumConfig {
  minControllers: PerEnvironment<number>;
  requireOdd: boolean;
}

export function kafkaControllerQuorum(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<ControllerQuorumConfig>(
    {
      name: "kafka-controller-quorum",
      description: "Each Kafka cluster has an odd KRaft controller quorum large enough for its environment.",
      severity: "critical",
      remediationSteps: "Set `kafka-platform:kafka.controllers.replicas` to 3 (or 5) in the stack config.",
      configSchema: {
        properties: {
          minControllers: perEnvironment(
            "integer",
            { dev: 1, prod: 3 },
            "Smallest controller count per environment.",
          ),
          requireOdd: {
            type: "boolean",
            default: true,
            description:
              "Whether the controller count must be odd (an even quorum tolerates no more failures).",
          },
        },
      },
      validate({ Kafka, KafkaNodePool }, { config, environmentOf, report }) {
        const quorums = new Map<string, { controllers: number; pools: StackResource<"KafkaNodePool">[] }>();
        for (const pool of KafkaNodePool) {
          if (!(pool.object.spec?.roles ?? []).includes("controller")) continue;
          const cluster = clusterOf(pool.object, "KafkaNodePool");
          const quorum = quorums.get(cluster) ?? { controllers: 0, pools: [] };
          quorum.controllers += pool.object.spec?.replicas ?? 0;
          quorum.pools.push(pool);
          quorums.set(cluster, quorum);
        }
        for (const kafka of Kafka) {
          const cluster = clusterOf(kafka.object, "Kafka");
          if (!quorums.has(cluster)) {
            report(
              kafka,
              `Kafka "${cluster}" has no KafkaNodePool with the controller role; add a controller pool`,
            );
          }
        }
        for (const [cluster, { controllers, pools }] of quorums) {
          const environment = environmentOf(pools[0].object);
          const min = config.minControllers[environment];
          const names = pools.map((p) => p.object.metadata?.name).join(", ");
          if (controllers < min) {
            report(
              pools[0],
              `Kafka "${cluster}" has ${controllers} controller(s) (${names}), fewer than the ${environment} minimum of ${min}`,
            );
          } else if (config.requireOdd && controllers % 2 === 0) {
            report(
              pools[0],
              `Kafka "${cluster}" has an even number of controllers (${controllers} in ${names}); use an odd number such as ${controllers + 1}`,
            );
          }
        }
      },
    },
    clock,
  );
}
