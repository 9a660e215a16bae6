import { strict as assert } from "assert";
import { topicBrokerCompatibility } from "../../rules/topic-broker-compatibility";
import { kafka, messages, nodePool, topic } from "../helpers";

describe("policy topic-broker-compatibility", () => {
  const policies = [topicBrokerCompatibility()];
  /** A prod cluster: Kafka 4.3.1, 3 brokers (and 3 controllers, which hold no replicas). */
  const prod = [kafka(), nodePool("controllers"), nodePool("brokers", { roles: ["broker"], replicas: 3 })];
  const dev = [
    kafka({ env: "dev" }),
    nodePool("dual", { env: "dev", roles: ["controller", "broker"], replicas: 1 }),
  ];

  it("accepts topics the brokers can honour", async () => {
    const ok = topic("payments.orders.v1", {
      config: { "compression.type": "zstd", "max.message.bytes": 524288, "segment.bytes": "1073741824" },
    });
    assert.deepEqual(await messages(policies, [...prod, ok]), []);
    const single = topic("payments.orders.v1", {
      env: "dev",
      spec: { replicas: 1 },
      config: { "min.insync.replicas": 1 },
    });
    assert.deepEqual(await messages(policies, [...dev, single]), []);
  });

  it("rejects more replicas than brokers, in every environment", async () => {
    assert.deepEqual(
      await messages(policies, [...prod, topic("payments.orders.v1", { spec: { replicas: 5 } })]),
      [
        'topic "payments.orders.v1" asks for 5 replicas, but the cluster has 3 broker(s); leave `replicas` to the environment\'s default or lower it',
      ],
    );
    const devTopic = topic("payments.orders.v1", {
      env: "dev",
      spec: { replicas: 3 },
      config: { "min.insync.replicas": 1 },
    });
    assert.deepEqual(await messages(policies, [...dev, devTopic]), [
      'topic "payments.orders.v1" asks for 3 replicas, but the cluster has 1 broker(s); leave `replicas` to the environment\'s default or lower it',
    ]);
  });

  it("rejects min.insync.replicas at or above replicas", async () => {
    assert.deepEqual(
      await messages(policies, [
        ...prod,
        topic("payments.orders.v1", { config: { "min.insync.replicas": 3 } }),
      ]),
      [
        'topic "payments.orders.v1" has min.insync.replicas=3 with 3 replicas: every broker restart blocks acks=all producers; keep min.insync.replicas below replicas',
      ],
    );
    assert.deepEqual(
      await messages(policies, [
        ...prod,
        topic("payments.orders.v1", { spec: { replicas: 2 }, config: { "min.insync.replicas": 3 } }),
      ]),
      [
        'topic "payments.orders.v1" has min.insync.replicas=3 with only 2 replica(s): no write with acks=all can ever succeed',
      ],
    );
  });

  it("rejects values Kafka's own topic config definitions refuse", async () => {
    const bad = topic("payments.orders.v1", {
      config: {
        "compression.type": "zstandard",
        "message.timestamp.type": "WallClock",
        "segment.bytes": 100,
        "min.compaction.lag.ms": "1h",
        "no.such.config": 1,
      },
    });
    assert.deepEqual(await messages(policies, [...prod, bad]), [
      'topic "payments.orders.v1" config compression.type: "zstandard" is not allowed; Kafka accepts "uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"',
      'topic "payments.orders.v1" config message.timestamp.type: "WallClock" is not allowed; Kafka accepts "CreateTime", "LogAppendTime"',
      'topic "payments.orders.v1" config segment.bytes: 100 is below Kafka\'s minimum of 1048576',
      'topic "payments.orders.v1" config min.compaction.lag.ms: must be an integer (Kafka type LONG, in milliseconds), not "1h"',
      'topic "payments.orders.v1" config no.such.config: no.such.config is not a topic config of Kafka 4.3.1',
    ]);
  });

  it("rejects dangerous settings: unclean election, tiered storage without it, messages above the broker limit", async () => {
    const bad = topic("payments.orders.v1", {
      config: {
        "unclean.leader.election.enable": "true",
        "remote.storage.enable": "true",
        "max.message.bytes": 1073741824,
      },
    });
    assert.deepEqual(await messages(policies, [...prod, bad]), [
      'topic "payments.orders.v1" enables unclean.leader.election.enable, which loses acknowledged records; remove it',
      'topic "payments.orders.v1" sets remote.storage.enable, but the brokers have no tiered storage; remove it',
      'topic "payments.orders.v1" allows 1073741824-byte batches (max.message.bytes), more than the brokers\' message.max.bytes of 1048588; followers could not replicate them',
    ]);
    // With tiered storage and a larger broker limit, the same topic asks for nothing impossible.
    const tiered = kafka({ config: { "message.max.bytes": 1073741824 }, spec: {} });
    (tiered.inputs.spec as { kafka: Record<string, unknown> }).kafka.tieredStorage = { type: "custom" };
    const ok = topic("payments.orders.v1", {
      config: { "remote.storage.enable": "true", "max.message.bytes": 1073741824 },
    });
    assert.deepEqual(await messages(policies, [tiered, ...prod.slice(1), ok]), []);
  });

  it("names a Kafka version without generated definitions", async () => {
    const k = kafka();
    (k.inputs.spec as { kafka: Record<string, unknown> }).kafka.version = "9.9.9";
    assert.deepEqual(await messages(policies, [k, ...prod.slice(1), topic()]), [
      "no topic config definitions for Kafka 9.9.9; generate them with scripts/kafka-topic-configs/generate.sh 9.9.9",
    ]);
  });
});
