import { strict as assert } from "assert";
import { userAclLeastPrivilege } from "../../rules/user-acl-least-privilege";
import { messages, user } from "../helpers";

const acl = (type: string, name: string | undefined, operations: string[], patternType = "literal") => ({
  resource: { type, name, patternType },
  operations,
});

describe("policy user-acl-least-privilege", () => {
  const policies = [userAclLeastPrivilege()];

  it("accepts literal topics, prefixed groups and transactional ids inside the prefix", async () => {
    const acls = [
      acl("topic", "payments.orders.v1", ["Write", "Describe"]),
      acl("topic", "billing.invoices.v1", ["Read", "Describe"]), // a granted topic: checked by acl-topic-references
      acl("topic", "payments.stream-app-", ["Read", "Write", "Create"], "prefix"),
      acl("group", "payments.order-service", ["Read"], "prefix"),
      acl("transactionalId", "payments.order-service", ["Write", "Describe"], "prefix"),
      { type: "deny", ...acl("topic", "*", ["All"]) },
    ];
    assert.deepEqual(await messages(policies, [user(undefined, { acls })]), []);
  });

  it("rejects wildcard names", async () => {
    const found = await messages(policies, [
      user(undefined, { acls: [acl("topic", "*", ["Read"]), acl("group", "payments.*", ["Read"])] }),
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0], /acls\[0\] on topic "\*" uses a wildcard name/);
  });

  it("rejects All operations", async () => {
    const [m] = await messages(policies, [
      user(undefined, { acls: [acl("topic", "payments.orders.v1", ["All"])] }),
    ]);
    assert.match(m, /acls\[0\] on topic "payments\.orders\.v1" grants All operations/);
  });

  it("rejects cluster operations unless allowed by config", async () => {
    const acls = [{ resource: { type: "cluster" }, operations: ["IdempotentWrite"] }];
    const [m] = await messages(policies, [user(undefined, { acls })]);
    assert.match(m, /grants cluster operation\(s\) IdempotentWrite/);
    const config = { "user-acl-least-privilege": { allowedClusterOperations: ["IdempotentWrite"] } };
    assert.deepEqual(await messages(policies, [user(undefined, { acls })], { config }), []);
  });

  it("rejects groups, transactional ids and prefixed topics outside the team's prefix", async () => {
    const acls = [
      acl("group", "billing.app", ["Read"], "prefix"),
      acl("transactionalId", "paymentsx.app", ["Write"], "prefix"),
      acl("topic", "billing.", ["Read"], "prefix"),
    ];
    const found = await messages(policies, [user(undefined, { acls })]);
    assert.equal(found.length, 3);
    assert.match(found[0], /group "billing\.app" \(prefix\) is outside the team's prefix "payments\."/);
  });

  it("requires simple authorization", async () => {
    const [m] = await messages(policies, [user(undefined, { spec: { authorization: undefined } })]);
    assert.match(m, /does not use simple authorization/);
  });

  it("skips configured super users (ACLs do not apply to them) and only those", async () => {
    const admin = user("admin", { spec: { authorization: undefined } });
    (admin.inputs.metadata as { name: string }).name = "platform-admin";
    assert.deepEqual(await messages(policies, [admin]), []);
    const config = { "user-acl-least-privilege": { superUsers: [] } };
    assert.equal((await messages(policies, [admin], { config })).length, 1);
  });
});
