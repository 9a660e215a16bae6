import { strict as assert } from "assert";
import { GRANTS_ANNOTATION } from "../../../core/labels";
import { aclTopicReferences } from "../../rules/acl-topic-references";
import { check, kafka, messages, topic, user } from "../helpers";

const consumeInvoices = [
  {
    resource: { type: "topic", name: "billing.invoices.v1", patternType: "literal" },
    operations: ["Read", "Describe"],
  },
];

describe("policy acl-topic-references", () => {
  const policies = [aclTopicReferences()];

  it("accepts ACLs on own topics and on topics granted with the right access", async () => {
    const invoices = topic("billing.invoices.v1", {
      team: "billing",
      grants: [{ team: "payments", access: "read" }],
    });
    assert.deepEqual(
      await messages(policies, [topic(), invoices, user(), user("reader", { acls: consumeInvoices })]),
      [],
    );
  });

  it("rejects a literal topic ACL on a topic nobody declares, on the user", async () => {
    const run = await check(policies, [user()]);
    assert.equal(run.violations.length, 1);
    assert.match(
      run.violations[0].message,
      /topic "payments\.orders\.v1" refers to a topic no team declares/,
    );
    assert.equal(run.violations[0].resource, "KafkaUser/payments-order-service");
  });

  it("rejects access to another team's topic that was not granted", async () => {
    const invoices = topic("billing.invoices.v1", { team: "billing" });
    const [m, ...rest] = await messages(policies, [invoices, user("reader", { acls: consumeInvoices })]);
    assert.match(
      m,
      /needs read access to team "billing"'s topic for Read, but "billing" has not granted it to team "payments"/,
    );
    assert.equal(rest.length, 1); // Describe needs some grant too
  });

  it("rejects writing to a topic granted for reading only", async () => {
    const invoices = topic("billing.invoices.v1", {
      team: "billing",
      grants: [{ team: "payments", access: "read" }],
    });
    const produce = [
      {
        resource: { type: "topic", name: "billing.invoices.v1", patternType: "literal" },
        operations: ["Write", "Describe"],
      },
    ];
    const found = await messages(policies, [invoices, user("writer", { acls: produce })]);
    assert.equal(found.length, 1);
    assert.match(found[0], /needs write access/);
  });

  it("rejects operations that cannot be granted", async () => {
    const invoices = topic("billing.invoices.v1", {
      team: "billing",
      grants: [{ team: "payments", access: "write" }],
    });
    const alter = [{ resource: { type: "topic", name: "billing.invoices.v1" }, operations: ["Alter"] }];
    assert.match(
      (await messages(policies, [invoices, user("x", { acls: alter })]))[0],
      /grants Alter on team "billing"'s topic/,
    );
  });

  it("accepts Describe with a write-only grant (both grants give it), not Read", async () => {
    const invoices = topic("billing.invoices.v1", {
      team: "billing",
      grants: [{ team: "payments", access: "write" }],
    });
    const produce = [
      {
        resource: { type: "topic", name: "billing.invoices.v1", patternType: "literal" },
        operations: ["Write", "Describe"],
      },
    ];
    assert.deepEqual(await messages(policies, [invoices, user("writer", { acls: produce })]), []);
    const found = await messages(policies, [invoices, user("reader", { acls: consumeInvoices })]);
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0], /needs read access to team "billing"'s topic for Read/);
  });

  it("skips prefix-pattern ACLs (user-acl-least-privilege checks those)", async () => {
    const acls = [
      { resource: { type: "topic", name: "billing.", patternType: "prefix" }, operations: ["Read"] },
      { resource: { type: "topic", name: "nobody.", patternType: "prefix" }, operations: ["Write"] },
    ];
    assert.deepEqual(
      await messages(policies, [topic("billing.invoices.v1", { team: "billing" }), user("x", { acls })]),
      [],
    );
  });

  it("skips deny rules, which only take access away", async () => {
    const invoices = topic("billing.invoices.v1", { team: "billing" });
    const deny = [
      { type: "deny", ...consumeInvoices[0] },
      { type: "deny", ...consumeInvoices[0], resource: { type: "topic", name: "nobody.x.v1" } },
    ];
    assert.deepEqual(await messages(policies, [invoices, user("x", { acls: deny })]), []);
  });

  it("ignores malformed grant entries and ACL rules instead of failing", async () => {
    const invoices = topic("billing.invoices.v1", {
      team: "billing",
      annotations: {
        [GRANTS_ANNOTATION]: JSON.stringify([
          null,
          5,
          "payments",
          { team: "payments" },
          { team: "payments", access: "read" },
        ]),
      },
    });
    const acls = [null, ...consumeInvoices] as unknown as Record<string, unknown>[];
    assert.deepEqual(await messages(policies, [invoices, user("reader", { acls })]), []);
    const withoutRead = topic("billing.invoices.v1", {
      team: "billing",
      annotations: { [GRANTS_ANNOTATION]: JSON.stringify([null, { team: "payments", access: 1 }]) },
    });
    assert.equal((await messages(policies, [withoutRead, user("reader", { acls })])).length, 2);
  });

  describe("in a team stack of the split layout (no Kafka cluster in the stack)", () => {
    it("leaves another team's topic, which lives in another stack, to the whole-organisation check", async () => {
      assert.deepEqual(await messages(policies, [topic(), user("reader", { acls: consumeInvoices })]), []);
    });

    it("still rejects an ACL on a topic of the stack's own team that the stack does not declare", async () => {
      const own = [{ resource: { type: "topic", name: "payments.missing.v1" }, operations: ["Read"] }];
      assert.match(
        (await messages(policies, [topic(), user("reader", { acls: own })]))[0],
        /payments\.missing\.v1" refers to a topic no team declares/,
      );
    });

    it("where the stack holds the cluster (single layout), another team's missing topic is rejected", async () => {
      const found = await messages(policies, [kafka(), topic(), user("reader", { acls: consumeInvoices })]);
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], /billing\.invoices\.v1" refers to a topic no team declares/);
    });
  });
});
