import { strict as assert } from "assert";
import { TEAM_LABEL } from "../../../core/labels";
import { topicSingleOwner } from "../../rules/topic-single-owner";
import { topicNaming } from "../../rules/topic-naming";
import { check, messages, topic } from "../helpers";

describe("policy topic-naming", () => {
  const policies = [topicNaming()];

  it("accepts lower-case dot-separated names inside the team prefix", async () => {
    assert.deepEqual(
      await messages(policies, [topic("payments.orders.v1"), topic("payments.customer-state.v1")]),
      [],
    );
  });

  it("rejects names that break the pattern, naming the value and the fix", async () => {
    const [message, ...rest] = await messages(policies, [topic("payments.Orders_V1")]);
    assert.equal(rest.length, 0);
    assert.match(message, /"payments\.Orders_V1" does not match the naming pattern/);
    assert.match(message, /payments\.orders\.v1/);
  });

  it("rejects a single-segment name", async () => {
    assert.equal((await messages(policies, [topic("payments", { prefix: "payments" })])).length, 2);
  });

  it("rejects names outside the owning team's prefix", async () => {
    const found = await messages(policies, [topic("billing.invoices.v1", { team: "payments" })]);
    assert.deepEqual(found.length, 1);
    assert.match(found[0], /does not start with its team's prefix "payments\."/);
  });

  it("uses the prefix annotation, not the team name, when they differ", async () => {
    const found = await messages(policies, [topic("pay.orders.v1", { team: "payments", prefix: "pay" })]);
    assert.deepEqual(found, []);
  });

  it("takes a pattern and the prefix rule from config", async () => {
    const config = { "topic-naming": { pattern: "^[a-z]+\\.[a-z]+\\.v[0-9]+$", requireTeamPrefix: false } };
    assert.deepEqual(await messages(policies, [topic("billing.invoices.v1")], { config }), []);
    const found = await messages(policies, [topic("payments.customer-state.v1")], { config });
    assert.equal(found.length, 1);
    assert.match(found[0], /\^\[a-z\]\+/);
  });

  it("reports an invalid configured pattern instead of failing", async () => {
    const [m] = await messages(policies, [topic()], { config: { "topic-naming": { pattern: "([a-z" } } });
    assert.match(m, /pattern \(\[a-z is not a valid regular expression/);
  });

  it("leaves a topic without an owning team to topic-single-owner, so it is reported once", async () => {
    const t = topic();
    delete (t.inputs.metadata as { labels: Record<string, string> }).labels[TEAM_LABEL];
    assert.deepEqual(await messages(policies, [t]), []);
    const run = await check([topicNaming(), topicSingleOwner()], [t]);
    assert.deepEqual(
      run.violations.map((v) => `${v.policy}: ${v.message}`),
      [
        'topic-single-owner: topic "payments.orders.v1" has no owning team (label kafka-platform.io/team); declare it in a team file',
      ],
    );
  });
});
