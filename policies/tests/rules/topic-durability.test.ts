import { strict as assert } from "assert";
import { topicDurability } from "../../rules/topic-durability";
import { messages, topic } from "../helpers";

describe("policy topic-durability", () => {
  const policies = [topicDurability()];

  it("accepts 3 replicas, min.insync.replicas 2 and 6 partitions in prod", async () => {
    assert.deepEqual(await messages(policies, [topic()]), []);
  });

  it("rejects fewer replicas than the prod minimum", async () => {
    const found = await messages(policies, [
      topic(undefined, { spec: { replicas: 2 }, config: { "min.insync.replicas": 1 } }),
    ]);
    assert.ok(
      found.some((m) => /has 2 replica\(s\), fewer than the prod minimum of 3/.test(m)),
      found.join("\n"),
    );
    assert.ok(found.some((m) => /min\.insync\.replicas=1, below the prod minimum of 2/.test(m)));
  });

  it("rejects min.insync.replicas equal to replicas in prod", async () => {
    const [m, ...rest] = await messages(policies, [
      topic(undefined, { config: { "min.insync.replicas": 3 } }),
    ]);
    assert.equal(rest.length, 0);
    assert.match(m, /min\.insync\.replicas=3 with 3 replica\(s\): one broker loss blocks producers/);
  });

  it("requires min.insync.replicas and replicas to be set in prod", async () => {
    const t = topic(undefined, { spec: { replicas: undefined } });
    delete (t.inputs.spec as { config: Record<string, unknown> }).config["min.insync.replicas"];
    const found = await messages(policies, [t]);
    assert.equal(found.length, 2);
  });

  it("rejects more partitions than the maximum", async () => {
    const [m] = await messages(policies, [topic(undefined, { spec: { partitions: 101 } })]);
    assert.match(m, /101 partitions, more than the prod maximum of 100/);
  });

  it("accepts a single replica in dev", async () => {
    const dev = topic(undefined, {
      env: "dev",
      spec: { replicas: 1, partitions: 1 },
      config: { "min.insync.replicas": 1 },
    });
    assert.deepEqual(await messages(policies, [dev]), []);
  });

  it("takes limits from config", async () => {
    const config = { "topic-durability": { maxPartitions: { prod: 6 }, minReplicas: { prod: 4 } } };
    const found = await messages(policies, [topic(undefined, { spec: { partitions: 12 } })], { config });
    assert.equal(found.length, 2);
  });

  it("rejects fewer than 1 partition", async () => {
    for (const partitions of [0, -1]) {
      const found = await messages(policies, [topic(undefined, { spec: { partitions } })]);
      assert.deepEqual(found, [
        `topic "payments.orders.v1" has ${partitions} partitions; a topic needs at least 1`,
      ]);
    }
  });
});
