/**
 * Example producer: sends keyed messages to one topic with the application's SCRAM-SHA-512
 * credentials, idempotently and with acks=all, then prints one JSON summary line to stdout.
 *
 * Environment: KAFKA_CREDENTIALS_DIR (the mounted credentials Secret) and KAFKA_* overrides,
 * TOPIC (required), MESSAGE_COUNT (default 10), KEY_COUNT (default 3), RUN_ID (default random).
 */
import { randomUUID } from "node:crypto";
import { ProduceAcks, Producer, stringSerializers, type MessageToProduce } from "@platformatic/kafka";
import { CredentialsError, loadCredentials, type KafkaCredentials } from "./credentials";

/** What each message carries; a consumer can check order per key with `seq`. */
export interface ExamplePayload {
  runId: string;
  seq: number;
  key: string;
  sentAt: string;
}

const BATCH_SIZE = 100;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new CredentialsError([`${name}: "${raw}" is not a positive integer`]);
  return n;
}

/** Connection options for @platformatic/kafka clients. */
export function connectionOptions(creds: KafkaCredentials) {
  return {
    bootstrapBrokers: creds.bootstrapBrokers,
    sasl: { mechanism: creds.saslMechanism, username: creds.username, password: creds.password },
    ...(creds.securityProtocol === "SASL_SSL"
      ? { tls: { ca: creds.caCert, minVersion: "TLSv1.2" as const } }
      : {}),
  };
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const creds = loadCredentials(env.KAFKA_CREDENTIALS_DIR, env);
  const topic = env.TOPIC;
  if (!topic) throw new CredentialsError(["TOPIC is not set"]);
  const count = positiveInt(env, "MESSAGE_COUNT", 10);
  const keyCount = positiveInt(env, "KEY_COUNT", 3);
  const runId = env.RUN_ID || randomUUID();

  const producer = new Producer({
    clientId: `${creds.username}-example-producer`,
    ...connectionOptions(creds),
    // Idempotence: the broker drops a retried batch it already wrote, so retries cannot duplicate.
    idempotent: true,
    acks: ProduceAcks.ALL,
    // Bounded, so that a wrong address or a cluster that is down ends the run (about 30 s) instead of hanging.
    retries: 60,
    retryDelay: 500,
    autocreateTopics: false,
    serializers: stringSerializers,
  });
  try {
    let produced = 0;
    for (let start = 0; start < count; start += BATCH_SIZE) {
      const messages: MessageToProduce<string, string, string, string>[] = [];
      for (let seq = start; seq < Math.min(count, start + BATCH_SIZE); seq++) {
        const key = `key-${seq % keyCount}`;
        const payload: ExamplePayload = { runId, seq, key, sentAt: new Date().toISOString() };
        messages.push({ topic, key, value: JSON.stringify(payload) });
      }
      await producer.send({ messages, acks: ProduceAcks.ALL });
      produced += messages.length;
    }
    process.stdout.write(`${JSON.stringify({ topic, runId, produced, user: creds.username })}\n`);
  } finally {
    await producer.close();
  }
}

if (require.main === module) {
  main(process.env).catch((error: unknown) => {
    // Configuration mistakes get a plain message; anything else keeps its details.
    console.error(error instanceof CredentialsError ? error.message : error);
    process.exitCode = 1;
  });
}
