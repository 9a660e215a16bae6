/**
 * Runs access-matrix probes with real clients (@platformatic/kafka) as the applications' principals
 * and compares each outcome with the expectation.
 */
import {
  Admin,
  AclOperations,
  AclPermissionTypes,
  addPartitionsToTxnV3,
  Consumer,
  FetchIsolationLevels,
  kGetApi,
  type Message,
  Producer,
  type ProducerOptions,
  ResourcePatternTypes,
  ResourceTypes,
  stringDeserializers,
  stringSerializers,
} from "@platformatic/kafka";
import { clientOptions, type KafkaCluster, type ScramCredentials } from "./broker";
import {
  applicationId as applicationIdOf,
  type AppIntents,
  describeProbe,
  type Probe,
  streamsInternalTopics,
} from "./matrix";
import { accessOutcome, type AccessOutcome, kafkaErrorCodes } from "./outcome";

/** Retries cover transient coordinator/leader errors; denials are not retriable and fail at once. */
const RETRIES = { retries: 5, retryDelay: 300 };

type StringProducer = Producer<string, string, string, string>;

/**
 * A transactional producer that speaks AddPartitionsToTxn v3, as Java clients do. @platformatic/kafka
 * (1.35.0, and still 2.12.1: checked, without this every transaction ends in
 * CLUSTER_AUTHORIZATION_FAILED) picks the highest version the broker offers (v5), but v4+ is Kafka's
 * broker-to-broker variant and needs ClusterAction (KIP-890).
 */
export function transactionalProducer(
  options: ProducerOptions<string, string, string, string>,
): StringProducer {
  const producer = new Producer<string, string, string, string>({
    ...options,
    serializers: stringSerializers,
    // InitProducerId must carry -1/-1 for a new session (the client's default 0/0 is answered with
    // PRODUCER_FENCED for a transactional id used before); 2.12.1 takes them as options.
    producerId: -1n,
    producerEpoch: -1,
  });
  type GetApi = (name: string, callback: (error: Error | null, api?: unknown) => void) => void;
  const target = producer as unknown as Record<typeof kGetApi, GetApi>;
  const original = target[kGetApi].bind(producer);
  target[kGetApi] = (name, callback) =>
    name === "AddPartitionsToTxn" ? callback(null, addPartitionsToTxnV3.api) : original(name, callback);
  return producer;
}

/** Clients for one principal on one cluster. */
export class ProbeClients {
  constructor(
    private readonly cluster: KafkaCluster,
    private readonly admin: Admin,
  ) {}

  private options(credentials: ScramCredentials) {
    return { ...clientOptions(this.cluster, credentials), ...RETRIES };
  }

  async produce(credentials: ScramCredentials, topic: string): Promise<void> {
    const producer = new Producer({
      ...this.options(credentials),
      idempotent: true,
      serializers: stringSerializers,
    });
    try {
      // Keyed: compacted topics reject records without a key.
      await producer.send({
        messages: [{ topic, key: "probe", value: `probe from ${credentials.username}` }],
      });
    } finally {
      await producer.close();
    }
  }

  /** Joins `group`, reads one record from the start of `topic` and commits its offset. */
  async consume(
    credentials: ScramCredentials,
    topic: string,
    group: string,
  ): Promise<Message<string, string, string, string>> {
    const consumer = new Consumer({
      ...this.options(credentials),
      groupId: group,
      deserializers: stringDeserializers,
      autocommit: false,
    });
    try {
      const stream = await consumer.consume({
        topics: [topic],
        mode: "earliest",
        autocommit: false,
        maxWaitTime: 500,
      });
      try {
        const message = await new Promise<Message<string, string, string, string>>((resolve, reject) => {
          stream.once("data", resolve);
          stream.once("error", reject);
        });
        await message.commit();
        return message;
      } finally {
        await stream.close();
      }
    } finally {
      await consumer.close(true);
    }
  }

  async describe(credentials: ScramCredentials, topic: string): Promise<void> {
    const client = new Admin(this.options(credentials));
    try {
      await client.metadata({ topics: [topic] });
    } finally {
      await client.close();
    }
  }

  /** Creates the topic as the principal; the admin deletes it again if that worked. */
  async createTopic(credentials: ScramCredentials, topic: string): Promise<void> {
    const client = new Admin(this.options(credentials));
    try {
      await client.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    } finally {
      await client.close();
    }
    await this.admin.deleteTopics({ topics: [topic] });
  }

  /** Begins a transaction with `transactionalId`, writes to `topic` if given, and commits. */
  async transaction(credentials: ScramCredentials, transactionalId: string, topic?: string): Promise<void> {
    const producer = transactionalProducer({
      ...this.options(credentials),
      transactionalId,
      idempotent: true,
    });
    try {
      const transaction = await producer.beginTransaction();
      if (topic)
        await transaction.send({
          messages: [{ topic, key: "probe", value: `transactional probe ${transactionalId}` }],
        });
      await transaction.commit();
    } finally {
      await producer.close();
    }
  }

  /**
   * What a Kafka Streams application does, as its principal: creates its internal topics, consumes
   * its input as group `<application id>`, writes the repartition, changelog and output topics and
   * commits the input offset (with exactly-once: all in one transaction); then restores from the
   * changelog.
   */
  async streamsFlow(
    credentials: ScramCredentials,
    app: AppIntents,
    input: string,
    output: string,
  ): Promise<void> {
    const applicationId = applicationIdOf(app);
    const [changelog, repartition] = streamsInternalTopics(app);
    const client = new Admin(this.options(credentials));
    // Like Streams, create what is missing: TOPIC_ALREADY_EXISTS comes only after Create was authorized.
    const createIfMissing = (topic: string, configs: { name: string; value: string }[]) =>
      client
        .createTopics({ topics: [topic], partitions: 1, replicas: 1, configs })
        .catch((error: unknown) => {
          const codes = kafkaErrorCodes(error);
          if (codes.length === 0 || codes.some((c) => c !== "TOPIC_ALREADY_EXISTS")) throw error;
        });
    try {
      await createIfMissing(changelog, [{ name: "cleanup.policy", value: "compact" }]);
      await createIfMissing(repartition, []);
    } finally {
      await client.close();
    }

    const consumer = new Consumer({
      ...this.options(credentials),
      groupId: applicationId,
      deserializers: stringDeserializers,
      autocommit: false,
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    });
    // Exactly-once (transactional) or at-least-once (idempotent, offsets committed after the write).
    const producer = app.transactional
      ? transactionalProducer({
          ...this.options(credentials),
          transactionalId: `${applicationId}-0`,
          idempotent: true,
        })
      : new Producer<string, string, string, string>({
          ...this.options(credentials),
          idempotent: true,
          serializers: stringSerializers,
        });
    try {
      const stream = await consumer.consume({
        topics: [input],
        mode: "earliest",
        autocommit: false,
        maxWaitTime: 500,
      });
      try {
        const record = await new Promise<Message<string, string, string, string>>((resolve, reject) => {
          stream.once("data", resolve);
          stream.once("error", reject);
        });
        const messages = [
          { topic: repartition, key: "k", value: String(record.value) },
          { topic: changelog, key: "k", value: "state" },
          { topic: output, key: "k", value: `processed ${String(record.value)}` },
        ];
        if (app.transactional) {
          const transaction = await producer.beginTransaction();
          await transaction.send({ messages });
          await transaction.addConsumer(consumer as unknown as Consumer);
          await transaction.addOffset(record as unknown as Message);
          await transaction.commit();
        } else {
          await producer.send({ messages });
          await record.commit();
        }
      } finally {
        await stream.close();
      }
    } finally {
      await producer.close();
      await consumer.close(true);
    }
    await this.consume(credentials, changelog, applicationId);
  }

  /** Tries to grant itself more: needs Alter on the cluster. Undone by the admin if it worked. */
  async alterAcls(credentials: ScramCredentials): Promise<void> {
    const acl = {
      resourceType: ResourceTypes.TOPIC,
      resourceName: "probe-",
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: `User:${credentials.username}`,
      host: "*",
      operation: AclOperations.READ,
      permissionType: AclPermissionTypes.ALLOW,
    };
    const client = new Admin(this.options(credentials));
    try {
      await client.createAcls({ creations: [acl] });
    } finally {
      await client.close();
    }
    await this.admin.deleteAcls({ filters: [acl] });
  }

  async login(credentials: ScramCredentials): Promise<void> {
    const client = new Admin({ ...this.options(credentials), retries: 0 });
    try {
      await client.listTopics();
    } finally {
      await client.close();
    }
  }
}

/** One probe's result. */
export interface ProbeResult {
  probe: Probe;
  outcome: AccessOutcome;
  ok: boolean;
}

/** The matrix outcome: counts and every mismatch. */
export interface MatrixReport {
  results: ProbeResult[];
  allowedOk: number;
  deniedOk: number;
  mismatches: ProbeResult[];
}

export async function runProbe(
  clients: ProbeClients,
  passwordOf: (principal: string) => string,
  probe: Probe,
): Promise<AccessOutcome> {
  if (probe.kind === "login") {
    const password = probe.password === "wrong" ? `${passwordOf(probe.username)}-wrong` : "some-password";
    return accessOutcome(() => clients.login({ username: probe.username, password }));
  }
  const credentials = { username: probe.app.principal, password: passwordOf(probe.app.principal) };
  switch (probe.kind) {
    case "produce":
      return accessOutcome(() => clients.produce(credentials, probe.topic));
    case "consume":
      return accessOutcome(() => clients.consume(credentials, probe.topic, probe.group));
    case "describe":
      return accessOutcome(() => clients.describe(credentials, probe.topic));
    case "create-topic":
      return accessOutcome(() => clients.createTopic(credentials, probe.topic));
    case "transaction":
      return accessOutcome(() => clients.transaction(credentials, probe.transactionalId, probe.topic));
    case "streams-flow":
      return accessOutcome(
        () => clients.streamsFlow(credentials, probe.app, probe.input, probe.output),
        60_000,
      );
    case "alter-acls":
      return accessOutcome(() => clients.alterAcls(credentials));
  }
}

/** Runs the probes one after another (consumers of one group would otherwise rebalance each other). */
export async function runMatrix(
  clients: ProbeClients,
  passwordOf: (principal: string) => string,
  probes: Probe[],
): Promise<MatrixReport> {
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const outcome = await runProbe(clients, passwordOf, probe);
    const ok = probe.expect ? outcome.kind === "allowed" : outcome.kind === "denied";
    results.push({ probe, outcome, ok });
  }
  return {
    results,
    allowedOk: results.filter((r) => r.ok && r.probe.expect).length,
    deniedOk: results.filter((r) => r.ok && !r.probe.expect).length,
    mismatches: results.filter((r) => !r.ok),
  };
}

/** One line per mismatch: what was tried, what was expected, what happened. */
export function formatMismatches(report: MatrixReport): string {
  return report.mismatches
    .map(({ probe, outcome }) => {
      const got =
        outcome.kind === "denied"
          ? `denied (${outcome.reason})`
          : outcome.kind === "error"
            ? `error: ${outcome.message}`
            : "allowed";
      return `  ${describeProbe(probe)}: expected ${probe.expect ? "allowed" : "denied"}, got ${got}`;
    })
    .join("\n");
}
