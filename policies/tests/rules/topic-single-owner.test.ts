import { strict as assert } from "assert";
import { TEAM_LABEL } from "../../../core/labels";
import { topicSingleOwner } from "../../rules/topic-single-owner";
import { messages, topic, user } from "../helpers";

describe("policy topic-single-owner", () => {
  const policies = [topicSingleOwner()];

  it("accepts topics declared once by their team", async () => {
    assert.deepEqual(
      await messages(policies, [
        topic("payments.orders.v1"),
        topic("billing.invoices.v1", { team: "billing" }),
      ]),
      [],
    );
  });

  it("rejects a topic declared by two teams", async () => {
    const resources = [
      topic("shared.events.v1", { team: "a", prefix: "shared" }),
      topic("shared.events.v1", { team: "b", prefix: "shared" }),
    ];
    const found = await messages(policies, resources);
    assert.ok(
      found.some((m) => /"shared\.events\.v1" is declared by team "b" and again by team "a"/.test(m)),
      found.join("\n"),
    );
  });

  it("rejects a topic inside another team's prefix", async () => {
    const resources = [user("app", { team: "billing" }), topic("billing.invoices.v1", { team: "payments" })];
    const [m] = await messages(policies, resources);
    assert.match(
      m,
      /topic "billing\.invoices\.v1" of team "payments" lies inside team "billing"'s prefix "billing\."/,
    );
  });

  it("rejects a topic without an owning team", async () => {
    const t = topic();
    delete (t.inputs.metadata as { labels: Record<string, string> }).labels[TEAM_LABEL];
    assert.match((await messages(policies, [t]))[0], /has no owning team/);
  });
});
