/**
 * The example clients on a real broker: the Go consumer is built, the Node producer writes keyed
 * messages as one application and the Go consumer reads them back as another, each configured only
 * from a credentials directory laid out like the mounted credentials Secret, with the users and
 * ACLs the program derives (applied as the User Operator would).
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Admin } from "@platformatic/kafka";
import { clientOptions, type KafkaCluster, startKafkaCluster } from "./broker";
import { type AppIntents } from "./matrix";
import { applyTopics, applyUsers, userName } from "./operator";
import { type StackUnderTest, stackUnderTest } from "./stack";

const ROOT = path.resolve(__dirname, "..", "..");
const PRODUCER = path.join(ROOT, "examples", "node-producer", "src", "producer.ts");
const CONSUMER_MODULE = path.join(ROOT, "examples", "go-consumer");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

describe("real Kafka: example clients (Node producer → Go consumer)", function () {
  let stack: StackUnderTest;
  let cluster: KafkaCluster;
  let admin: Admin;
  let consumerBinary: string;
  let producerApp: AppIntents;
  let consumerApp: AppIntents;
  let topic: string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kafka-examples-"));

  /**
   * A directory laid out like the application's credentials Secret mounted as a volume: one file
   * per key. The test broker has no TLS, so `security.protocol` is SASL_PLAINTEXT; `ca.crt` is
   * there as in the cluster and unused.
   */
  function credentialsDir(app: AppIntents): string {
    const dir = path.join(work, app.principal);
    fs.mkdirSync(dir, { recursive: true });
    const password = stack.passwordOf(app.principal);
    const secret: Record<string, string> = {
      "bootstrap.servers": cluster.bootstrapServers.join(","),
      username: app.principal,
      password,
      "sasl.mechanism": "SCRAM-SHA-512",
      "security.protocol": "SASL_PLAINTEXT",
      "sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${app.principal}" password="${password}";`,
      "ca.crt": fs.readFileSync(path.join(ROOT, "harness", "fixtures", "mock-ca.crt"), "utf8"),
    };
    for (const [key, value] of Object.entries(secret))
      fs.writeFileSync(path.join(dir, key), value, { mode: 0o600 });
    return dir;
  }

  function produce(app: AppIntents, env: Record<string, string>): Promise<Run> {
    return run(process.execPath, ["-r", "ts-node/register/transpile-only", PRODUCER], {
      KAFKA_CREDENTIALS_DIR: credentialsDir(app),
      TS_NODE_PROJECT: path.join(ROOT, "examples", "node-producer", "tsconfig.json"),
      ...env,
    });
  }

  function consume(app: AppIntents, env: Record<string, string>): Promise<Run> {
    return run(consumerBinary, [], {
      KAFKA_CREDENTIALS_DIR: credentialsDir(app),
      IDLE_TIMEOUT: "30s",
      ...env,
    });
  }

  before(async function () {
    this.timeout(600_000);
    consumerBinary = path.join(work, "go-consumer");
    const build = spawnSync("go", ["build", "-o", consumerBinary, "."], {
      cwd: CONSUMER_MODULE,
      encoding: "utf8",
    });
    if (build.error || build.status !== 0) {
      throw new Error(
        `go build of examples/go-consumer failed (Go 1.26+ needed):\n${build.stderr ?? build.error}`,
      );
    }

    stack = await stackUnderTest("dev");
    // A topic one application produces and another team's application consumes (through a grant).
    const apps = stack.teams.flatMap((t) => t.applications);
    const pair = apps
      .flatMap((p) =>
        p.produces.map((t) => ({ p, t, c: apps.find((a) => a.team !== p.team && a.consumes.includes(t)) })),
      )
      .find((x) => x.c !== undefined);
    assert.ok(pair?.c, "the example teams have a topic produced by one team and consumed by another");
    producerApp = pair.p;
    consumerApp = pair.c;
    topic = pair.t;

    cluster = await startKafkaCluster();
    admin = new Admin(clientOptions(cluster, cluster.admin));
    await applyTopics(
      admin,
      stack.topics.filter((t) => (t.spec?.topicName ?? t.metadata.name) === topic),
    );
    await applyUsers(cluster, admin, stack.users, (user) => stack.passwordOf(userName(user)));
  });

  after(async function () {
    await admin?.close();
    await cluster?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("round-trips keyed messages with the applications' own credentials and ACLs", async function () {
    const runId = randomUUID();
    const count = 30;
    const produced = await produce(producerApp, {
      TOPIC: topic,
      MESSAGE_COUNT: String(count),
      KEY_COUNT: "3",
      RUN_ID: runId,
    });
    assert.equal(produced.code, 0, `producer failed:\n${produced.stderr}`);
    const summary = JSON.parse(produced.stdout.trim()) as { produced: number; user: string };
    assert.deepEqual(summary, { topic, runId, produced: count, user: producerApp.principal });

    const consumed = await consume(consumerApp, {
      TOPIC: topic,
      GROUP: `${consumerApp.consumerGroup}.examples`,
      MAX_MESSAGES: String(count),
    });
    assert.equal(consumed.code, 0, `consumer failed:\n${consumed.stderr}`);
    const records = consumed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { key: string; value: string; partition: number })
      .map((r) => ({ ...r, payload: JSON.parse(r.value) as { runId: string; seq: number; key: string } }))
      .filter((r) => r.payload.runId === runId);
    assert.deepEqual(
      records.map((r) => r.payload.seq).sort((a, b) => a - b),
      Array.from({ length: count }, (_, i) => i),
      "every message once",
    );
    for (const key of ["key-0", "key-1", "key-2"]) {
      const ofKey = records.filter((r) => r.key === key);
      assert.equal(new Set(ofKey.map((r) => r.partition)).size, 1, `${key} stays on one partition`);
      const seqs = ofKey.map((r) => r.payload.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `${key} in order`,
      );
      assert.equal(ofKey[0].payload.key, key);
    }
  });

  it("is refused by the broker outside the declared intents", async function () {
    // The consumer application may not produce the topic, and may not use a group outside its prefix.
    const produced = await produce(consumerApp, { TOPIC: topic, MESSAGE_COUNT: "1" });
    assert.notEqual(produced.code, 0);
    assert.match(produced.stderr, /TOPIC_AUTHORIZATION_FAILED|not authorized|Authorization/i);

    const consumed = await consume(consumerApp, {
      TOPIC: topic,
      GROUP: `not-${consumerApp.consumerGroup}`,
      MAX_MESSAGES: "1",
    });
    assert.notEqual(consumed.code, 0);
    assert.match(consumed.stderr, /GROUP_AUTHORIZATION_FAILED|not authorized/i);
  });

  it("fails with every missing credential named when the Secret is incomplete", async function () {
    const empty = path.join(work, "empty");
    fs.mkdirSync(empty, { recursive: true });
    const produced = await run(process.execPath, ["-r", "ts-node/register/transpile-only", PRODUCER], {
      KAFKA_CREDENTIALS_DIR: empty,
      TOPIC: topic,
    });
    assert.equal(produced.code, 1);
    assert.match(
      produced.stderr,
      /bootstrap\.servers is missing[\s\S]*username is missing[\s\S]*ca\.crt is missing/,
    );
    const consumed = await run(consumerBinary, [], {
      KAFKA_CREDENTIALS_DIR: empty,
      TOPIC: topic,
      GROUP: "g",
    });
    assert.equal(consumed.code, 1);
    assert.match(consumed.stderr, /bootstrap\.servers is missing[\s\S]*password is missing/);
  });
});
