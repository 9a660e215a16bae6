import { strict as assert } from "assert";
import { sharedBrokerCapacity } from "../../rules/shared-broker-capacity";
import { messages, topic } from "../helpers";

describe("policy shared-broker-capacity", () => {
  const policies = [sharedBrokerCapacity()];
  const devTopic = (spec: Record<string, unknown>, config: Record<string, number> = {}) =>
    topic("payments.orders.v1", {
      env: "dev",
      spec: { replicas: 1, ...spec },
      config: { "min.insync.replicas": 1, ...config },
    });

  it("accepts dev topics within the shared broker's caps", async () => {
    assert.deepEqual(
      await messages(policies, [devTopic({ partitions: 6 }, { "retention.bytes": 1073741824 })]),
      [],
    );
  });

  it("rejects too many partitions on the shared dev broker", async () => {
    assert.deepEqual(await messages(policies, [devTopic({ partitions: 100000 })]), [
      'topic "payments.orders.v1" has 100000 partitions; a topic on the shared dev brokers has at most 24',
    ]);
  });

  it("rejects a topic that may keep more bytes than its share", async () => {
    assert.deepEqual(
      await messages(policies, [devTopic({ partitions: 6 }, { "retention.bytes": 10737418240 })]),
      [
        'topic "payments.orders.v1" may keep 64424509440 bytes (retention.bytes × partitions × replicas); a topic on the shared dev brokers keeps at most 8589934592',
      ],
    );
  });

  it("does not apply in prod unless configured", async () => {
    const big = topic("payments.orders.v1", { spec: { partitions: 50 } });
    assert.deepEqual(await messages(policies, [big]), []);
    const config = {
      "shared-broker-capacity": { environments: ["dev", "prod"], maxPartitions: { prod: 12 } },
    };
    assert.deepEqual(await messages(policies, [big], { config }), [
      'topic "payments.orders.v1" has 50 partitions; a topic on the shared prod brokers has at most 12',
    ]);
  });
});
