/**
 * Every KafkaTopic the dev and prod stacks render is created, exactly as rendered (partitions,
 * replicas, config), on a three-broker cluster, so a config name or value Kafka rejects, or a
 * replication factor it cannot place, fails here. Prod KafkaUsers (with their prod quotas) are
 * applied too. Three brokers because prod topics want three replicas (and `min.insync.replicas`
 * 2), which one broker cannot hold.
 */
import { strict as assert } from "node:assert";
import { Admin, ConfigResourceTypes } from "@platformatic/kafka";
import { clientOptions, type KafkaCluster, startKafkaCluster } from "./broker";
import { applyTopics, applyUsers, type KafkaTopicObject, topicRequest, userName } from "./operator";
import { accessOutcome, kafkaErrorCodes } from "./outcome";
import { ProbeClients } from "./probes";
import { stackUnderTest } from "./stack";
import { kafkaDefaults } from "../../core/config/kafka";
import { topicConfigTable, topicConfigValueProblem } from "../../core/kafka-configs/topic-configs";

const STACKS = ["dev", "prod"] as const;

describe("real Kafka: rendered topics and users on three brokers", function () {
  let cluster: KafkaCluster;
  let admin: Admin;

  before(async function () {
    cluster = await startKafkaCluster({ nodes: 3 });
    admin = new Admin({ ...clientOptions(cluster, cluster.admin), retries: 5, retryDelay: 300 });
  });

  after(async function () {
    await admin?.close();
    await cluster?.stop();
  });

  /** Deletes topics and waits (bounded) until Kafka no longer lists them, so the next stack can reuse the names. */
  async function deleteTopics(names: string[]): Promise<void> {
    await admin.deleteTopics({ topics: names });
    for (let attempt = 0; attempt < 50; attempt++) {
      const left = (await admin.listTopics()).filter((t) => names.includes(t));
      if (left.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`topics still listed 10 s after deletion: ${names.join(", ")}`);
  }

  for (const stackName of STACKS) {
    it(`creates every ${stackName} KafkaTopic as rendered, and Kafka keeps its config`, async function () {
      const stack = await stackUnderTest(stackName);
      assert.ok(stack.topics.length > 0, "the stack renders topics");
      await applyTopics(admin, stack.topics);
      try {
        const described = await admin.describeConfigs({
          resources: stack.topics.map((t) => ({
            resourceType: ConfigResourceTypes.TOPIC,
            resourceName: topicRequest(t).name,
          })),
        });
        const metadata = await admin.metadata({
          topics: stack.topics.map((t) => topicRequest(t).name),
          forceUpdate: true,
        });
        for (const topic of stack.topics) {
          const request = topicRequest(topic);
          const configs = described.find((d) => d.resourceName === request.name)?.configs ?? [];
          for (const { name, value } of request.configs) {
            assert.equal(configs.find((c) => c.name === name)?.value, value, `${request.name}: ${name}`);
          }
          const partitions = metadata.topics.get(request.name)?.partitions ?? [];
          if (request.partitions > 0)
            assert.equal(partitions.length, request.partitions, `${request.name}: partitions`);
          if (request.replicas > 0)
            assert.equal(partitions[0]?.replicas.length, request.replicas, `${request.name}: replicas`);
        }
        console.log(
          `    ${stackName}: ${stack.topics.length} topics created with ${stack.topics.reduce((n, t) => n + topicRequest(t).configs.length, 0)} configs`,
        );

        await applyUsers(cluster, admin, stack.users, (user) => stack.passwordOf(userName(user)));
        const clients = new ProbeClients(cluster, admin);
        for (const app of stack.teams.flatMap((t) => t.applications)) {
          const topic = app.produces[0] ?? app.consumes[0] ?? app.shareGroup!.consumes[0];
          const outcome = await accessOutcome(() =>
            clients.describe({ username: app.principal, password: stack.passwordOf(app.principal) }, topic),
          );
          assert.deepEqual(outcome, { kind: "allowed" }, `${stackName}: ${app.principal} describes ${topic}`);
        }
      } finally {
        await deleteTopics(stack.topics.map((t) => topicRequest(t).name));
      }
    });
  }

  it("fails on a config Kafka rejects (so the check above can fail)", async function () {
    const topic = (name: string, replicas: number, config: Record<string, unknown>): KafkaTopicObject => ({
      metadata: { name },
      spec: { partitions: 1, replicas, config },
    });
    const rejected: [KafkaTopicObject, string][] = [
      [topic("probe.bad-retention", 1, { "retention.ms": "7d" }), "INVALID_CONFIG"],
      [topic("probe.unknown-config", 1, { "retention.days": 7 }), "INVALID_CONFIG"],
      [topic("probe.too-many-replicas", 4, {}), "INVALID_REPLICATION_FACTOR"],
    ];
    for (const [bad, code] of rejected) {
      await assert.rejects(
        applyTopics(admin, [bad]),
        (error: unknown) => kafkaErrorCodes(error).includes(code),
        `${bad.metadata.name} was accepted or failed without ${code}`,
      );
    }
    const listed = await admin.listTopics();
    assert.deepEqual(
      rejected.map(([t]) => t.metadata.name).filter((n) => listed.includes(n!)),
      [],
    );
  });

  it("agrees with the generated topic config table: what it refuses Kafka refuses, its bounds Kafka accepts", async function () {
    const table = topicConfigTable(kafkaDefaults("prod").version as string);
    assert.ok(table, "a table for the stacks' Kafka version");
    const probe = (i: number, config: Record<string, unknown>): KafkaTopicObject => ({
      metadata: { name: `probe.table-${i}` },
      spec: { partitions: 1, replicas: 1, config },
    });
    const refused: Record<string, unknown>[] = [
      { "compression.type": "zstandard" },
      { "message.timestamp.type": "WallClock" },
      { "segment.bytes": 100 },
      { "min.compaction.lag.ms": "1h" },
      { "min.cleanable.dirty.ratio": 1.5 },
      { "compression.gzip.level": 12 },
      { "compression.zstd.level": 23 },
      { "cleanup.policy": "compacted" },
    ];
    const accepted: Record<string, unknown>[] = [
      { "segment.bytes": 1048576 },
      { "compression.gzip.level": -1 },
      { "min.cleanable.dirty.ratio": 1 },
      { "compression.type": "zstd", "compression.zstd.level": 22 },
      { "cleanup.policy": "compact,delete" },
    ];
    const tableSays = (config: Record<string, unknown>) =>
      Object.entries(config).map(([name, value]) =>
        topicConfigValueProblem(name, value as string | number | boolean, table!.configs[name]),
      );
    for (const [i, config] of refused.entries()) {
      assert.ok(tableSays(config).some(Boolean), `the table accepts ${JSON.stringify(config)}`);
      await assert.rejects(
        applyTopics(admin, [probe(i, config)]),
        (error: unknown) => kafkaErrorCodes(error).includes("INVALID_CONFIG"),
        `Kafka accepted ${JSON.stringify(config)}`,
      );
    }
    const created: string[] = [];
    try {
      for (const [i, config] of accepted.entries()) {
        assert.deepEqual(tableSays(config).filter(Boolean), [], JSON.stringify(config));
        const topic = probe(100 + i, config);
        await applyTopics(admin, [topic]);
        created.push(topic.metadata.name!);
      }
    } finally {
      if (created.length > 0) await deleteTopics(created);
    }
  });
});
