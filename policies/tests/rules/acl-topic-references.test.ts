import { strict as assert } from "assert";
import { aclTopicReferences } from "../../rules/acl-topic-references";
import { check, messages, topic, user } from "../helpers";

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
});
