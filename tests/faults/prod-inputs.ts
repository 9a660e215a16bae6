/**
 * What the drill takes from the prod stack: the brokers' settings (`spec.kafka.config` of the
 * rendered `Kafka`), the topic (a rendered `KafkaTopic`), and the applications with their derived
 * ACLs and quotas (rendered `KafkaUser`s), all from the offline engine harness.
 */
import { PROJECT_ROOT, readStackConfig, runProgram } from "../../harness/engine";
import { kubernetesObjects } from "../../harness/kubernetes-objects";
import { loadPlatformConfig } from "../../core/config";
import { brokerConfig, type BrokerConfig } from "../../core/strimzi/kafka-broker-config";
import { type AppIntents } from "../kafka/matrix";
import { type KafkaTopicObject } from "../kafka/operator";
import { stackUnderTest, type StackUnderTest } from "../kafka/stack";

export interface DrillInputs {
  /** Where the broker settings came from. */
  brokerConfigSource: "rendered Kafka resource" | "core/strimzi brokerConfig(prod config) [fallback]";
  brokerConfig: BrokerConfig;
  stack: StackUnderTest;
  /** The topic under load. */
  topic: KafkaTopicObject & { name: string };
  /** Produces to `topic`. */
  producer: AppIntents;
  /** Consumes `topic` (another team's application through a grant, if there is one). */
  consumer: AppIntents;
  /** An application of another team than `producer`'s that produces to its own topic. */
  neighbour: AppIntents & { topic: string };
}

/**
 * `spec.kafka.config` of the prod stack's rendered Kafka resource. While the program does not
 * render the Kafka resource yet, the same pure builder the component uses is applied to the
 * validated prod config (clearly reported as a fallback in the drill's output).
 */
async function prodBrokerConfig(): Promise<Pick<DrillInputs, "brokerConfig" | "brokerConfigSource">> {
  const run = await runProgram({ stack: "prod" });
  const kafka = kubernetesObjects(run).find(
    (o) => o.kind === "Kafka" && o.apiVersion.startsWith("kafka.strimzi.io/"),
  );
  const config = (kafka?.spec as { kafka?: { config?: BrokerConfig } } | undefined)?.kafka?.config;
  if (config) return { brokerConfig: config, brokerConfigSource: "rendered Kafka resource" };
  return {
    brokerConfig: brokerConfig(prodConfig().kafka),
    brokerConfigSource: "core/strimzi brokerConfig(prod config) [fallback]",
  };
}

function prodConfig() {
  const { config: raw } = readStackConfig(PROJECT_ROOT, "prod");
  return loadPlatformConfig(raw, { file: "Pulumi.prod.yaml" });
}

/**
 * Fallback while the program renders no team KafkaTopics (the tier then builds topics from the
 * team files without environment defaults): the prod `teams.topicDefaults` for replicas and
 * `min.insync.replicas`, as the team component applies them.
 */
function withProdTopicDefaults(topic: KafkaTopicObject): KafkaTopicObject {
  const defaults = prodConfig().teams.topicDefaults;
  const config = topic.spec?.config ?? {};
  return {
    ...topic,
    spec: {
      ...topic.spec,
      replicas: topic.spec?.replicas && topic.spec.replicas > 1 ? topic.spec.replicas : defaults.replicas,
      config: {
        ...config,
        "min.insync.replicas": config["min.insync.replicas"] ?? defaults.minInsyncReplicas,
      },
    },
  };
}

/** Settings Strimzi derives from Kubernetes (racks) that a loopback cluster cannot have. */
const NOT_ON_LOOPBACK = new Set(["replica.selector.class"]);

/** The prod settings as `server.properties` entries for the launcher. */
export function loopbackBrokerConfig(config: BrokerConfig): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !NOT_ON_LOOPBACK.has(key)));
}

export async function drillInputs(): Promise<DrillInputs> {
  const { brokerConfig: config, brokerConfigSource } = await prodBrokerConfig();
  const stack = await stackUnderTest("prod");
  const apps = stack.teams.flatMap((t) => t.applications);
  for (const producer of apps) {
    for (const name of producer.produces) {
      const consumers = apps.filter((a) => a.consumes.includes(name));
      const consumer = consumers.find((a) => a.team !== producer.team) ?? consumers[0];
      const neighbour = apps.find((a) => a.team !== producer.team && a.produces.length > 0);
      const rendered = stack.topics.find((t) => (t.spec?.topicName ?? t.metadata.name) === name);
      const topic = rendered && stack.source !== "program" ? withProdTopicDefaults(rendered) : rendered;
      if (consumer && neighbour && topic) {
        return {
          brokerConfig: config,
          brokerConfigSource,
          stack,
          topic: { ...topic, name },
          producer,
          consumer,
          neighbour: { ...neighbour, topic: neighbour.produces[0] },
        };
      }
    }
  }
  throw new Error("the prod stack has no topic that one application produces and another consumes");
}
