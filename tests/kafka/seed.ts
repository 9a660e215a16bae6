/**
 * Prepares a broker for the matrix as the admin: one record in every topic (so an allowed consume
 * has something to read), and the group and transaction coordinators started (their internal topics
 * are created on first use, and a probe should not race that).
 */
import { Producer, stringSerializers } from "@platformatic/kafka";
import { clientOptions, type KafkaCluster } from "./broker";
import { type KafkaTopicObject, topicRequest } from "./operator";
import { ProbeClients } from "./probes";

export async function seedTopics(cluster: KafkaCluster, topics: KafkaTopicObject[]): Promise<void> {
  const producer = new Producer({
    ...clientOptions(cluster, cluster.admin),
    serializers: stringSerializers,
    retries: 5,
  });
  try {
    await producer.send({
      messages: topics.map((t) => ({ topic: topicRequest(t).name, key: "seed", value: "seed" })),
    });
  } finally {
    await producer.close();
  }
}

export async function warmUpCoordinators(cluster: KafkaCluster, topics: KafkaTopicObject[]): Promise<void> {
  const first = topicRequest(topics[0]).name;
  const clients = new ProbeClients(cluster, undefined as never);
  // Retried generously: the first FindCoordinator creates __consumer_offsets / __transaction_state.
  for (let attempt = 1; ; attempt++) {
    try {
      await clients.consume(cluster.admin, first, "kafka-test-warm-up");
      await clients.transaction(cluster.admin, "kafka-test-warm-up", first);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
