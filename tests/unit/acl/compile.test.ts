import { strict as assert } from "assert";
import * as path from "path";
import {
  aclIntentsAnnotation,
  aclRules,
  compileAcls,
  findAclOverlaps,
  parseAclIntentsAnnotation,
} from "../../../core/acl";
import { loadTeams, Organisation, TeamApplication } from "../../../core/teams";

/** An application of team payments (prefix `payments`) with nothing declared yet. */
function app(overrides: Partial<TeamApplication> = {}): TeamApplication {
  return {
    name: "svc",
    team: "payments",
    principal: "payments-svc",
    appId: "payments.svc",
    consumerGroup: "payments.svc",
    produces: [],
    consumes: [],
    transactional: false,
    streams: false,
    groupProtocol: "classic",
    waivers: [],
    source: { file: "teams/payments.yaml", line: 3 },
    ...overrides,
  };
}

const own = (topic: string) => ({ topic, owner: "payments", via: "own" as const });
const granted = (topic: string, owner: string) => ({ topic, owner, via: "grant" as const });

describe("ACL compiler: golden rules per intent", function () {
  it("produce (own topic): literal Write + Describe on the topic", function () {
    assert.deepEqual(compileAcls(app({ produces: [own("payments.orders.v1")] })), [
      {
        rule: {
          resource: { type: "topic", name: "payments.orders.v1", patternType: "literal" },
          operations: ["Write", "Describe"],
        },
        intent: {
          kind: "produce",
          topic: "payments.orders.v1",
          reason: "produces to payments.orders.v1 (a topic of its team)",
        },
      },
    ]);
  });

  it("produce (granted topic): names the granting team", function () {
    assert.deepEqual(compileAcls(app({ produces: [granted("billing.refunds.v1", "billing")] })), [
      {
        rule: {
          resource: { type: "topic", name: "billing.refunds.v1", patternType: "literal" },
          operations: ["Write", "Describe"],
        },
        intent: {
          kind: "produce",
          topic: "billing.refunds.v1",
          grantedBy: "billing",
          reason: "produces to billing.refunds.v1 (granted write access by team billing)",
        },
      },
    ]);
  });

  it("consume: literal Read + Describe per topic and one prefixed group rule", function () {
    assert.deepEqual(
      compileAcls(app({ consumes: [own("payments.orders.v1"), granted("billing.invoices.v1", "billing")] })),
      [
        {
          rule: {
            resource: { type: "topic", name: "payments.orders.v1", patternType: "literal" },
            operations: ["Read", "Describe"],
          },
          intent: {
            kind: "consume",
            topic: "payments.orders.v1",
            reason: "consumes from payments.orders.v1 (a topic of its team)",
          },
        },
        {
          rule: {
            resource: { type: "topic", name: "billing.invoices.v1", patternType: "literal" },
            operations: ["Read", "Describe"],
          },
          intent: {
            kind: "consume",
            topic: "billing.invoices.v1",
            grantedBy: "billing",
            reason: "consumes from billing.invoices.v1 (granted read access by team billing)",
          },
        },
        {
          rule: {
            resource: { type: "group", name: "payments.svc", patternType: "prefix" },
            operations: ["Read", "Describe"],
          },
          intent: {
            kind: "consumer-group",
            reason: 'joins consumer groups starting with "payments.svc" and commits their offsets',
          },
        },
      ],
    );
  });

  it("consumer-group: uses the declared consumerGroup as the prefix", function () {
    const rules = aclRules(
      compileAcls(app({ consumes: [own("payments.a")], consumerGroup: "payments.readers" })),
    );
    assert.deepEqual(rules[1], {
      resource: { type: "group", name: "payments.readers", patternType: "prefix" },
      operations: ["Read", "Describe"],
    });
  });

  it("a producer gets no group rule and no cluster rule (idempotence needs only Write)", function () {
    const rules = aclRules(compileAcls(app({ produces: [own("payments.a")] })));
    assert.deepEqual(
      rules.map((r) => r.resource.type),
      ["topic"],
    );
  });

  it("transactional-id: prefixed Write + Describe under <prefix>.<name>", function () {
    assert.deepEqual(compileAcls(app({ produces: [own("payments.a")], transactional: true }))[1], {
      rule: {
        resource: { type: "transactionalId", name: "payments.svc", patternType: "prefix" },
        operations: ["Write", "Describe"],
      },
      intent: {
        kind: "transactional-id",
        reason: 'produces in transactions with transactional.id starting with "payments.svc"',
      },
    });
  });

  it("streams: internal topics and group under the application.id, no separate consumer group", function () {
    assert.deepEqual(
      compileAcls(app({ streams: true, consumes: [own("payments.in")], produces: [own("payments.out")] })),
      [
        {
          rule: {
            resource: { type: "topic", name: "payments.out", patternType: "literal" },
            operations: ["Write", "Describe"],
          },
          intent: {
            kind: "produce",
            topic: "payments.out",
            reason: "produces to payments.out (a topic of its team)",
          },
        },
        {
          rule: {
            resource: { type: "topic", name: "payments.in", patternType: "literal" },
            operations: ["Read", "Describe"],
          },
          intent: {
            kind: "consume",
            topic: "payments.in",
            reason: "consumes from payments.in (a topic of its team)",
          },
        },
        {
          rule: {
            resource: { type: "topic", name: "payments.svc-", patternType: "prefix" },
            operations: ["Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs"],
          },
          intent: {
            kind: "streams-internal-topics",
            reason:
              'Kafka Streams application.id "payments.svc": creates and uses its internal changelog and repartition topics "payments.svc-*"',
          },
        },
        {
          rule: {
            resource: { type: "group", name: "payments.svc", patternType: "prefix" },
            operations: ["Read", "Describe"],
          },
          intent: {
            kind: "streams-group",
            reason: 'Kafka Streams application.id "payments.svc": its consumer group',
          },
        },
      ],
    );
  });

  it("streams-exactly-once: a transactional Streams app gets transactional ids <application.id>-*", function () {
    const rules = compileAcls(app({ streams: true, transactional: true, consumes: [own("payments.in")] }));
    assert.deepEqual(rules[rules.length - 1], {
      rule: {
        resource: { type: "transactionalId", name: "payments.svc-", patternType: "prefix" },
        operations: ["Write", "Describe"],
      },
      intent: {
        kind: "streams-exactly-once",
        reason:
          'Kafka Streams exactly-once (processing.guarantee=exactly_once_v2): transactional ids "payments.svc-*"',
      },
    });
    assert.equal(rules.filter((r) => r.rule.resource.type === "transactionalId").length, 1);
  });

  it("streams protocol: broker-created internal topics without DescribeConfigs and a literal streams group", function () {
    const rules = compileAcls(
      app({
        streams: true,
        groupProtocol: "streams",
        consumes: [own("payments.in")],
        produces: [own("payments.out")],
      }),
    );
    assert.deepEqual(rules.slice(2), [
      {
        rule: {
          resource: { type: "topic", name: "payments.svc-", patternType: "prefix" },
          operations: ["Create", "Read", "Write", "Delete", "Describe"],
        },
        intent: {
          kind: "streams-protocol-internal-topics",
          reason:
            'Kafka Streams application.id "payments.svc" on the streams protocol: the broker creates its internal changelog and repartition topics "payments.svc-*" for it; it reads, writes and purges them',
        },
      },
      {
        rule: {
          resource: { type: "group", name: "payments.svc", patternType: "literal" },
          operations: ["Read", "Describe"],
        },
        intent: {
          kind: "streams-protocol-group",
          reason: 'Kafka Streams application.id "payments.svc": its streams group (group.protocol=streams)',
        },
      },
    ]);
  });

  it("consumer protocol: the same group rule as classic, its reason names the protocol", function () {
    const classic = compileAcls(app({ consumes: [own("payments.in")] }));
    const consumer = compileAcls(app({ consumes: [own("payments.in")], groupProtocol: "consumer" }));
    assert.deepEqual(aclRules(consumer), aclRules(classic));
    assert.equal(
      consumer[1].intent.reason,
      'joins consumer groups starting with "payments.svc" (group.protocol=consumer) and commits their offsets',
    );
  });

  it("share-consume and share-group: literal Read + Describe on each topic and on the share group only", function () {
    const shareGroup = {
      id: "payments.svc-jobs",
      consumes: [own("payments.jobs"), granted("billing.tasks", "billing")],
      configs: {},
    };
    assert.deepEqual(compileAcls(app({ shareGroup })), [
      {
        rule: {
          resource: { type: "topic", name: "payments.jobs", patternType: "literal" },
          operations: ["Read", "Describe"],
        },
        intent: {
          kind: "share-consume",
          topic: "payments.jobs",
          reason: 'consumes through share group "payments.svc-jobs" from payments.jobs (a topic of its team)',
        },
      },
      {
        rule: {
          resource: { type: "topic", name: "billing.tasks", patternType: "literal" },
          operations: ["Read", "Describe"],
        },
        intent: {
          kind: "share-consume",
          topic: "billing.tasks",
          grantedBy: "billing",
          reason:
            'consumes through share group "payments.svc-jobs" from billing.tasks (granted read access by team billing)',
        },
      },
      {
        rule: {
          resource: { type: "group", name: "payments.svc-jobs", patternType: "literal" },
          operations: ["Read", "Describe"],
        },
        intent: {
          kind: "share-group",
          reason:
            'joins share group "payments.svc-jobs" (KIP-932), fetches and acknowledges records one by one',
        },
      },
    ]);
  });

  it("share-consume: a topic also in consumes gets its topic rule once", function () {
    const rules = compileAcls(
      app({
        consumes: [own("payments.jobs")],
        shareGroup: { id: "payments.svc-jobs", consumes: [own("payments.jobs")], configs: {} },
      }),
    );
    assert.deepEqual(
      rules.map((r) => r.intent.kind),
      ["consume", "consumer-group", "share-group"],
    );
  });

  it("an application that declares nothing gets no rule", function () {
    assert.deepEqual(compileAcls(app()), []);
  });
});

describe("ACL compiler: least privilege over the example organisation", function () {
  const org = loadTeams(path.join(__dirname, "../../../teams"), { displayDir: "teams" });
  const all = org.teams.flatMap((t) => t.applications).map((a) => ({ a, rules: compileAcls(a) }));

  it("never uses *, All or cluster rules; every prefix lies under the team's prefix", function () {
    for (const { a, rules } of all) {
      const team = org.teams.find((t) => t.name === a.team)!;
      for (const { rule } of rules) {
        assert.notEqual(rule.resource.name, "*");
        assert.notEqual(rule.resource.type as string, "cluster");
        assert.ok(!(rule.operations as string[]).includes("All"));
        assert.ok(!(rule.operations as string[]).includes("IdempotentWrite"));
        if (rule.resource.patternType === "prefix")
          assert.ok(rule.resource.name.startsWith(`${team.prefix}.`));
      }
    }
  });

  it("gives every rule an intent, and the annotation maps rule indexes to them", function () {
    for (const { rules } of all) {
      const parsed = parseAclIntentsAnnotation(aclIntentsAnnotation(rules));
      assert.deepEqual(
        Object.keys(parsed),
        rules.map((_, i) => String(i)),
      );
      rules.forEach((r, i) => assert.deepEqual(parsed[String(i)], r.intent));
    }
  });

  it("has no overlapping prefixes", function () {
    assert.deepEqual(findAclOverlaps(org), []);
  });
});

describe("ACL compiler: overlaps", function () {
  it("finds a prefix that reaches another application's group and a declared topic", function () {
    const a = app({
      name: "order",
      appId: "payments.order",
      consumerGroup: "payments.order",
      consumes: [own("payments.in")],
    });
    const b = app({
      name: "order-service",
      principal: "payments-order-service",
      appId: "payments.order-service",
      consumerGroup: "payments.order-service",
      consumes: [own("payments.in")],
    });
    const s = app({ name: "s", principal: "payments-s", appId: "payments.s", streams: true });
    const topic = (name: string) => ({
      name,
      team: "payments",
      cleanupPolicy: "delete" as const,
      config: {},
      deletion: "protect" as const,
      grants: [],
      waivers: [],
      source: { file: "teams/payments.yaml" },
    });
    const org: Organisation = {
      teams: [
        {
          name: "payments",
          file: "teams/payments.yaml",
          owners: [],
          namespace: "payments",
          prefix: "payments",
          topics: [topic("payments.in"), topic("payments.s-out")],
          applications: [a, b, s],
          waivers: [],
        },
      ],
    };
    assert.deepEqual(
      findAclOverlaps(org).map(
        (o) => `${o.application.name}: ${o.rule.rule.resource.name} covers ${o.covers}`,
      ),
      [
        'order: payments.order covers consumer group "payments.order-service" of application payments-order-service',
        's: payments.s- covers topic "payments.s-out" of team payments',
      ],
    );
  });
});
