/**
 * What the drill takes from the prod stack: the brokers' settings (`spec.kafka.config` of the
 * rendered `Kafka`), the topic (a rendered `KafkaTopic`), and the applications with their derived
 * ACLs and quotas (rendered `KafkaUser`s), all from the offline engine harness.
 */
import { runProgram } from "../../harness/engine";
import { kubernetesObjects } from "../../harness/kubernetes-objects";
import { type BrokerConfig } from "../../core/strimzi/kafka-broker-config";
import { type AppIntents } from "../kafka/matrix";
import { type KafkaTopicObject, type KafkaUserObject } from "../kafka/operator";
import { stackUnderTest, type StackUnderTest } from "../kafka/stack";

export interface DrillInputs {
  /** `spec.kafka.config` of the prod stack's rendered Kafka resource. */
  brokerConfig: BrokerConfig;
  stack: StackUnderTest;
  /** The prod stack's KafkaUsers (ACLs and quotas). */
  users: KafkaUserObject[];
  /** The topic under load. */
  topic: KafkaTopicObject & { name: string };
  /** Produces to `topic`. */
  producer: AppIntents;
  /** Consumes `topic` (another team's application through a grant, if there is one). */
  consumer: AppIntents;
  /** An application of another team than `producer`'s that produces to a topic of its own. */
  neighbour: AppIntents & { topic: string };
  /** The neighbour's topic. */
  neighbourTopic: KafkaTopicObject;
}

async function prodBrokerConfig(): Promise<BrokerConfig> {
  const run = await runProgram({ stack: "prod" });
  const kafka = kubernetesObjects(run).find(
    (o) => o.kind === "Kafka" && o.apiVersion.startsWith("kafka.strimzi.io/"),
  );
  const config = (kafka?.spec as { kafka?: { config?: BrokerConfig } } | undefined)?.kafka?.config;
  if (!config) throw new Error("the prod stack renders no Kafka resource with spec.kafka.config");
  return config;
}

/** Settings Strimzi derives from Kubernetes (racks) that a loopback cluster cannot have. */
const NOT_ON_LOOPBACK = new Set(["replica.selector.class"]);

/** The prod settings as `server.properties` entries for the launcher. */
export function loopbackBrokerConfig(config: BrokerConfig): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !NOT_ON_LOOPBACK.has(key)));
}

export async function drillInputs(): Promise<DrillInputs> {
  const brokerConfig = await prodBrokerConfig();
  const stack = await stackUnderTest("prod");
  const apps = stack.teams.flatMap((t) => t.applications);
  const topicNamed = (name: string) =>
    stack.topics.find((t) => (t.spec?.topicName ?? t.metadata.name) === name);
  for (const producer of apps) {
    for (const name of producer.produces) {
      const consumers = apps.filter((a) => a.consumes.includes(name));
      const consumer = consumers.find((a) => a.team !== producer.team) ?? consumers[0];
      const neighbour = apps.find(
        (a) => a.team !== producer.team && a.produces.some((t) => t !== name && topicNamed(t)),
      );
      const neighbourTopicName = neighbour?.produces.find((t) => t !== name && topicNamed(t));
      const topic = topicNamed(name);
      if (consumer && neighbour && neighbourTopicName && topic) {
        return {
          brokerConfig,
          stack,
          users: stack.users,
          topic: { ...topic, name },
          producer,
          consumer,
          neighbour: { ...neighbour, topic: neighbourTopicName },
          neighbourTopic: topicNamed(neighbourTopicName)!,
        };
      }
    }
  }
  throw new Error("the prod stack has no topic that one application produces and another consumes");
}
