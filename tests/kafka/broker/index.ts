/**
 * Real Kafka for tests. Typical use (mocha):
 *
 *   let cluster: KafkaCluster;
 *   before(async () => { cluster = await startKafkaCluster({ nodes: 1 }); });
 *   after(async () => { await cluster?.stop(); });
 *   const admin = new Admin(clientOptions(cluster, cluster.admin));
 *
 * See tests/kafka/README.md.
 */
import { type BaseOptions } from "@platformatic/kafka";
import { type KafkaCluster } from "./launcher";

export { ensureKafkaLibs, kafkaVersion } from "./install";
export { type KafkaCluster, type KafkaClusterOptions, type KafkaNode, startKafkaCluster } from "./launcher";

/** SCRAM-SHA-512 credentials of a Kafka principal. */
export interface ScramCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Options for any `@platformatic/kafka` client (Admin, Producer, Consumer) connecting to `cluster`
 * as `credentials`: SCRAM-SHA-512 (over TLS trusting the cluster's CA when it has one), a short
 * timeout and no retries, so a denied request fails fast instead of being retried.
 */
export function clientOptions(
  cluster: KafkaCluster,
  credentials: ScramCredentials,
  clientId = `test-${credentials.username}`,
): BaseOptions {
  return {
    clientId,
    bootstrapBrokers: [...cluster.bootstrapServers],
    sasl: { mechanism: "SCRAM-SHA-512", username: credentials.username, password: credentials.password },
    ...(cluster.caCertPem ? { tls: { ca: cluster.caCertPem } } : {}),
    timeout: 10_000,
    connectTimeout: 5_000,
    retries: 0,
  };
}
