/**
 * The broker launcher itself: a secured single node, and a three-node quorum that survives a
 * SIGKILLed node and takes it back after a restart (what the fault drill relies on).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";
import { clientOptions, type KafkaCluster, kafkaVersion, startKafkaCluster } from "./broker";
import { accessOutcome, kafkaErrorCodes } from "./outcome";

const ROOT = path.resolve(__dirname, "..", "..");

describe("real Kafka: broker launcher", function () {
  it("fetches the Kafka version the stacks run", function () {
    for (const stack of ["dev", "prod"]) {
      const config = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
        config: Record<string, { version?: string } | undefined>;
      };
      assert.equal(kafkaVersion(), config.config["kafka-platform:kafka"]?.version, `Pulumi.${stack}.yaml`);
    }
  });

  describe("single node", function () {
    let cluster: KafkaCluster;
    before(async function () {
      cluster = await startKafkaCluster();
    });
    after(async function () {
      const dir = cluster?.nodes[0].dir;
      await cluster?.stop();
      if (dir) assert.equal(fs.existsSync(dir), false, "stop() removes the data directory");
    });

    it("lets the bootstrapped admin in and nobody else", async function () {
      const admin = new Admin(clientOptions(cluster, cluster.admin));
      try {
        await admin.createTopics({ topics: ["launcher.smoke"], partitions: 1, replicas: 1 });
        assert.ok((await admin.listTopics()).includes("launcher.smoke"));
      } finally {
        await admin.close();
      }
      const wrongPassword = { username: "admin", password: "not-the-password" };
      const unknownUser = { username: "nobody", password: "whatever" };
      for (const credentials of [wrongPassword, unknownUser]) {
        const outcome = await accessOutcome(async () => {
          const client = new Admin(clientOptions(cluster, credentials));
          try {
            await client.listTopics();
          } finally {
            await client.close();
          }
        });
        assert.deepEqual(
          outcome,
          { kind: "denied", reason: "SASL_AUTHENTICATION_FAILED" },
          credentials.username,
        );
      }
    });

    it("listens on loopback only, with the authorizer and no anonymous access", function () {
      const properties = fs.readFileSync(path.join(cluster.nodes[0].dir, "server.properties"), "utf8");
      assert.match(
        properties,
        /^listeners=SASL_PLAINTEXT:\/\/127\.0\.0\.1:\d+,CONTROLLER:\/\/127\.0\.0\.1:\d+$/m,
      );
      assert.match(
        properties,
        /^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m,
      );
      assert.match(properties, /^allow\.everyone\.if\.no\.acl\.found=false$/m);
      assert.doesNotMatch(properties, /PLAINTEXT:PLAINTEXT/);
    });
  });

  describe("single node with TLS", function () {
    let cluster: KafkaCluster;
    before(async function () {
      cluster = await startKafkaCluster({ tls: true });
    });
    after(async function () {
      await cluster?.stop();
    });

    it("serves SASL_SSL with a certificate from the generated CA, and no client that does not trust it", async function () {
      assert.equal(cluster.securityProtocol, "SASL_SSL");
      assert.match(cluster.caCertPem ?? "", /^-----BEGIN CERTIFICATE-----/);
      const listTopics = (options: ReturnType<typeof clientOptions>) => async () => {
        const client = new Admin(options);
        try {
          await client.listTopics();
        } finally {
          await client.close();
        }
      };
      assert.deepEqual(await accessOutcome(listTopics(clientOptions(cluster, cluster.admin))), {
        kind: "allowed",
      });
      const untrusting = await accessOutcome(
        listTopics({ ...clientOptions(cluster, cluster.admin), tls: {} }),
      );
      assert.equal(untrusting.kind, "error");
      const wrongPassword = clientOptions(cluster, { username: "admin", password: "not-the-password" });
      assert.deepEqual(await accessOutcome(listTopics(wrongPassword)), {
        kind: "denied",
        reason: "SASL_AUTHENTICATION_FAILED",
      });
    });
  });

  describe("three nodes", function () {
    let cluster: KafkaCluster;
    before(async function () {
      cluster = await startKafkaCluster({
        nodes: 3,
        // Fence a dead broker after 3 s instead of 9 s, so leadership moves quickly.
        brokerConfig: {
          "min.insync.replicas": 2,
          "broker.session.timeout.ms": 3000,
          "broker.heartbeat.interval.ms": 500,
        },
      });
    });
    after(async function () {
      await cluster?.stop();
    });

    /** Retries `attempt` (bounded, a second apart) until it succeeds; fails with the last error after `withinMs`. */
    async function eventually<T>(step: string, attempt: () => Promise<T>, withinMs = 60_000): Promise<T> {
      const deadline = Date.now() + withinMs;
      for (;;) {
        try {
          return await attempt();
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(`${step}: ${(error as Error).message} [${kafkaErrorCodes(error).join(", ")}]`, {
              cause: error,
            });
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }

    /** A fresh acks=all producer per attempt, so no stale metadata outlives a failed attempt. */
    async function produce(value: string): Promise<void> {
      const producer = new Producer({
        ...clientOptions(cluster, cluster.admin),
        serializers: stringSerializers,
        acks: -1,
        retries: 10,
        retryDelay: 500,
      });
      try {
        await producer.send({ messages: [{ topic: "launcher.replicated", value }] });
      } finally {
        await producer.close();
      }
    }

    it("keeps accepting acks=all writes with the partition leader SIGKILLed, and takes it back", async function () {
      assert.deepEqual(
        cluster.nodes.map((n) => n.running),
        [true, true, true],
      );
      const admin = new Admin({ ...clientOptions(cluster, cluster.admin), retries: 10, retryDelay: 500 });
      const partition = async () =>
        (await admin.metadata({ topics: ["launcher.replicated"], forceUpdate: true })).topics.get(
          "launcher.replicated",
        )!.partitions[0];
      try {
        await admin.createTopics({ topics: ["launcher.replicated"], partitions: 1, replicas: 3 });
        await eventually("write with three nodes", () => produce("before"));
        const leader = (await partition()).leader;

        await cluster.kill(leader);
        assert.equal(cluster.nodes.find((n) => n.id === leader)!.running, false);
        await eventually(`write with node ${leader} killed`, () => produce("while the leader is down"));

        await cluster.restart(leader);
        assert.equal(cluster.nodes.find((n) => n.id === leader)!.running, true);
        await eventually(`node ${leader} back in sync`, async () => {
          const { isr } = await partition();
          if (!isr.includes(leader)) throw new Error(`ISR is ${isr.join(",")}`);
        });
        await eventually("write after the restart", () => produce("after"));
      } finally {
        await admin.close();
      }
    });
  });
});
