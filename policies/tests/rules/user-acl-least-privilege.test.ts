import { strict as assert } from "assert";
import { aclRules, compileAcls } from "../../../core/acl/compile";
import type { TeamApplication } from "../../../core/teams/model";
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

  it("accepts every rule the ACL compiler produces (plain, transactional, Kafka Streams on both protocols, share consumers)", async () => {
    const app = (name: string, o: Partial<TeamApplication>): TeamApplication => ({
      name,
      team: "payments",
      principal: `payments-${name}`,
      appId: `payments.${name}`,
      consumerGroup: `payments.${name}`,
      produces: [{ topic: "payments.orders.v1", owner: "payments", via: "own" }],
      consumes: [{ topic: "billing.invoices.v1", owner: "billing", via: "grant" }],
      transactional: true,
      streams: false,
      groupProtocol: "classic",
      waivers: [],
      source: { file: "teams/payments.yaml" },
      ...o,
    });
    const worker = {
      id: "payments.worker",
      consumes: [{ topic: "payments.jobs.v1", owner: "payments", via: "own" as const }],
      configs: {},
    };
    const acls = [
      app("processor", {}),
      app("scorer", { streams: true }),
      app("velocity", { streams: true, groupProtocol: "streams" }),
      app("worker", { shareGroup: worker, consumes: [], produces: [], transactional: false }),
    ].flatMap((a) => aclRules(compileAcls(a)));
    assert.ok(acls.some((r) => r.operations.includes("Delete"))); // the Streams internal topics
    assert.deepEqual(await messages(policies, [user(undefined, { acls: acls.map((r) => ({ ...r })) })]), []);
  });

  it("rejects operations the ACL compiler never grants on a literal topic, naming each", async () => {
    const acls = [
      acl("topic", "payments.orders.v1", ["Write", "Describe", "Alter", "AlterConfigs", "Delete"]),
    ];
    assert.deepEqual(await messages(policies, [user(undefined, { acls })]), [
      'user "payments-order-service" acls[0] on topic "payments.orders.v1" grants operation(s) Alter, AlterConfigs, Delete, ' +
        "which the platform never grants on a literal topic; allow only Describe, Read, Write",
    ]);
    const [m] = await messages(policies, [
      user(undefined, { acls: [acl("topic", "payments.orders.v1", ["Delete"])] }),
    ]);
    assert.match(
      m,
      /on topic "payments\.orders\.v1" grants operation\(s\) Delete, which the platform never grants/,
    );
  });

  it("rejects Create and Delete on a prefixed topic that is not a Kafka Streams internal-topic prefix", async () => {
    const acls = [acl("topic", "payments.", ["Create", "Delete"], "prefix")];
    assert.deepEqual(await messages(policies, [user(undefined, { acls })]), [
      'user "payments-order-service" acls[0] on topic "payments." (prefix) grants operation(s) Create, Delete, ' +
        'but the platform grants nothing on a prefixed topic; its topic ACLs are literal or prefixed with a name ending in "-"',
    ]);
  });

  it("allows the Kafka Streams set on a prefixed topic ending in - and nothing beyond it", async () => {
    const streams = ["Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs"];
    const ok = [acl("topic", "payments.scorer-", streams, "prefix")];
    assert.deepEqual(await messages(policies, [user(undefined, { acls: ok })]), []);
    const alter = [acl("topic", "payments.scorer-", [...streams, "Alter"], "prefix")];
    const [m, ...rest] = await messages(policies, [user(undefined, { acls: alter })]);
    assert.deepEqual(rest, []);
    assert.match(
      m,
      /grants operation\(s\) Alter, which the platform never grants on a prefixed topic; allow only Create, Delete, Describe, DescribeConfigs, Read, Write$/,
    );
  });

  it("rejects Delete on a group and Read on a transactional id", async () => {
    const acls = [
      acl("group", "payments.order-service", ["Read", "Delete"], "prefix"),
      acl("transactionalId", "payments.order-service", ["Read", "Write"], "prefix"),
      acl("group", "payments.order-service", ["Read", "Delete"]), // share and streams groups are literal, never Delete
    ];
    const found = await messages(policies, [user(undefined, { acls })]);
    assert.equal(found.length, 3, found.join("\n"));
    assert.match(
      found[0],
      /acls\[0\] on group "payments\.order-service" \(prefix\) grants operation\(s\) Delete, .*allow only Describe, Read$/,
    );
    assert.match(
      found[1],
      /acls\[1\] on transactionalId .* grants operation\(s\) Read, .*allow only Describe, Write$/,
    );
    assert.match(
      found[2],
      /acls\[2\] on group .* grants operation\(s\) Delete, which the platform never grants on a literal group; allow only Describe, Read$/,
    );
  });

  it("allows the share-group and streams-protocol rules: literal Read + Describe on an own group, Read + Describe on a topic", async () => {
    const ok = [
      acl("group", "payments.order-service-jobs", ["Read", "Describe"]),
      acl("topic", "payments.orders.v1", ["Read", "Describe"]),
      acl("topic", "payments.scorer-", ["Create", "Read", "Write", "Delete", "Describe"], "prefix"),
    ];
    assert.deepEqual(await messages(policies, [user(undefined, { acls: ok })]), []);
  });

  it("reports ACLs without a name or resource instead of failing", async () => {
    const acls = [
      { resource: { type: "topic", patternType: "literal" }, operations: ["Read"] },
      acl("group", "", ["Read"], "prefix"),
      null,
    ] as unknown as Record<string, unknown>[];
    assert.deepEqual(await messages(policies, [user(undefined, { acls })]), [
      'user "payments-order-service" acls[0] on topic names no topic; name the exact topic',
      'user "payments-order-service" acls[1] on group "" (prefix) names no group; name the exact group',
      'user "payments-order-service" acls[2] names no resource; set resource.type and resource.name',
    ]);
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
