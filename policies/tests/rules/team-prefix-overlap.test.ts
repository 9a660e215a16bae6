import { strict as assert } from "assert";
import { ancestorsOf } from "../../lib/strimzi";
import { teamPrefixOverlap } from "../../rules/team-prefix-overlap";
import { messages, topic, user } from "../helpers";

describe("policy team-prefix-overlap", () => {
  const policies = [teamPrefixOverlap()];

  it("finds dot-segment ancestors", () => {
    assert.deepEqual(ancestorsOf("a.b.c"), ["a", "a.b"]);
    assert.deepEqual(ancestorsOf("payments"), []);
  });

  it("accepts distinct prefixes, including string prefixes that are not segment prefixes", async () => {
    const resources = [
      topic("payments.orders.v1"),
      topic("pay.x.v1", { team: "pay" }),
      user("app", { team: "billing" }),
    ];
    assert.deepEqual(await messages(policies, resources), []);
  });

  it("rejects two teams with the same prefix, once", async () => {
    const resources = [
      topic("payments.orders.v1"),
      topic("payments.refunds.v1", { team: "refunds", prefix: "payments" }),
      user("app", { team: "refunds", prefix: "payments" }),
    ];
    const found = await messages(policies, resources);
    assert.deepEqual(found, [
      'teams "payments" and "refunds" both use the prefix "payments"; give each team its own prefix',
    ]);
  });

  it("rejects a prefix nested inside another team's prefix", async () => {
    const resources = [
      topic("payments.orders.v1"),
      topic("payments.eu.orders.v1", { team: "payments-eu", prefix: "payments.eu" }),
    ];
    const [m] = await messages(policies, resources);
    assert.match(
      m,
      /team "payments-eu" prefix "payments\.eu" lies inside team "payments"'s prefix "payments"/,
    );
  });

  it("takes prefixes from users too: a team with users but no topics", async () => {
    const resources = [
      topic("payments.orders.v1"),
      user("app", { team: "payments-eu", prefix: "payments.eu" }),
      user("other", { team: "refunds", prefix: "payments" }),
    ];
    assert.deepEqual(await messages(policies, resources), [
      'teams "payments" and "refunds" both use the prefix "payments"; give each team its own prefix',
      'team "payments-eu" prefix "payments.eu" lies inside team "payments"\'s prefix "payments"; choose a prefix outside it',
    ]);
  });
});
