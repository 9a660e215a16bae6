import { strict as assert } from "assert";
import { topicRetention } from "../../rules/topic-retention";
import { messages, topic } from "../helpers";

const DAY = 86_400_000;

describe("policy topic-retention", () => {
  const policies = [topicRetention()];

  it("accepts retention within the prod bounds", async () => {
    assert.deepEqual(
      await messages(policies, [topic(undefined, { config: { "retention.ms": 30 * DAY } })]),
      [],
    );
  });

  it("rejects retention over the prod maximum of 30 days, naming the value", async () => {
    const [m] = await messages(policies, [topic(undefined, { config: { "retention.ms": 31 * DAY } })]);
    assert.match(m, /31d \(retention\.ms=2678400000\), more than the prod maximum of 30d/);
  });

  it("applies the dev maximum of 7 days to dev topics (label)", async () => {
    const dev = topic(undefined, { env: "dev", config: { "retention.ms": 8 * DAY } });
    const [m] = await messages(policies, [dev]);
    assert.match(m, /more than the dev maximum of 7d/);
    assert.deepEqual(
      await messages(policies, [topic(undefined, { env: "dev", config: { "retention.ms": 7 * DAY } })]),
      [],
    );
  });

  it("requires retention.ms", async () => {
    const t = topic();
    delete (t.inputs.spec as { config: Record<string, unknown> }).config["retention.ms"];
    assert.match((await messages(policies, [t]))[0], /does not set retention\.ms/);
  });

  it("reads retention given as a string", async () => {
    const [m] = await messages(policies, [
      topic(undefined, { config: { "retention.ms": String(40 * DAY) } }),
    ]);
    assert.match(m, /40d/);
  });

  it("allows unlimited retention only for compacted topics", async () => {
    const compacted = topic(undefined, { config: { "retention.ms": -1, "cleanup.policy": "compact" } });
    const both = topic("payments.state.v1", {
      config: { "retention.ms": -1, "cleanup.policy": "compact,delete" },
    });
    assert.deepEqual(await messages(policies, [compacted, both]), []);
    const [m] = await messages(policies, [topic(undefined, { config: { "retention.ms": -1 } })]);
    assert.match(m, /unlimited retention \(retention\.ms=-1\) without compaction/);
  });

  it("rejects retention under the minimum", async () => {
    const [m] = await messages(policies, [topic(undefined, { config: { "retention.ms": 1000 } })]);
    assert.match(m, /less than the prod minimum of 1h/);
  });

  it("takes per-environment bounds from config, keeping the other environment's default", async () => {
    const config = { "topic-retention": { maxRetentionMs: { prod: 90 * DAY } } };
    assert.deepEqual(
      await messages(policies, [topic(undefined, { config: { "retention.ms": 60 * DAY } })], { config }),
      [],
    );
    const dev = topic(undefined, { env: "dev", config: { "retention.ms": 8 * DAY } });
    assert.equal((await messages(policies, [dev], { config })).length, 1);
  });

  it("lets compacted topics keep data longer than the maximum unless configured otherwise", async () => {
    const profiles = topic(undefined, {
      config: { "retention.ms": 90 * DAY, "cleanup.policy": "compact,delete" },
    });
    assert.deepEqual(await messages(policies, [profiles]), []);
    const config = { "topic-retention": { maxAppliesToCompacted: true } };
    assert.match(
      (await messages(policies, [profiles], { config }))[0],
      /90d .* more than the prod maximum of 30d/,
    );
  });
});
