import { strict as assert } from "assert";
import { teamCapacityBudget } from "../../rules/team-capacity-budget";
import { messages, topic } from "../helpers";

describe("policy team-capacity-budget", () => {
  const policies = [teamCapacityBudget()];
  const topics = [
    topic("payments.a.v1"),
    topic("payments.b.v1", { config: { "retention.bytes": 1000 } }),
    topic("billing.c.v1", { team: "billing" }),
  ];

  it("has no budget by default", async () => {
    assert.deepEqual(await messages(policies, topics), []);
  });

  it("rejects a team over its partition-replica budget (6 × 3 per topic)", async () => {
    const config = { "team-capacity-budget": { budgets: { payments: { maxPartitionReplicas: 30 } } } };
    const found = await messages(policies, topics, { config });
    assert.deepEqual(found, ['team "payments" uses 36 partition replicas, over its budget of 30']);
  });

  it("applies the default budget to unlisted teams", async () => {
    const config = {
      "team-capacity-budget": { defaultBudget: { maxPartitionReplicas: 18 }, budgets: { payments: {} } },
    };
    assert.deepEqual(await messages(policies, topics, { config }), []);
    const strict = { "team-capacity-budget": { defaultBudget: { maxPartitionReplicas: 17 } } };
    assert.equal((await messages(policies, topics, { config: strict })).length, 2);
  });

  it("counts retained bytes and flags topics without retention.bytes under a bytes budget", async () => {
    const config = { "team-capacity-budget": { budgets: { payments: { maxRetentionBytes: 17_999 } } } };
    const found = await messages(policies, topics, { config });
    assert.equal(found.length, 2);
    assert.match(found[0], /1 topic\(s\) without retentionBytes \(payments\.a\.v1\)/);
    assert.match(found[1], /may retain 18000 bytes/);
  });

  it("applies the default budget to a team named like an Object.prototype member", async () => {
    const config = { "team-capacity-budget": { defaultBudget: { maxPartitionReplicas: 17 } } };
    for (const team of ["constructor", "toString", "hasOwnProperty"]) {
      const found = await messages(policies, [topic(`${team}.a.v1`, { team })], { config });
      assert.deepEqual(found, [`team "${team}" uses 18 partition replicas, over its budget of 17`]);
    }
  });
});
