/**
 * The Kafka 4 group protocols on a real broker, with Apache Kafka's Java clients and the dev stack's
 * compiled ACLs: a share consumer (KIP-932) reads and acknowledges, a consumer on
 * group.protocol=consumer (KIP-848) and a Kafka Streams app on group.protocol=streams (KIP-1071) run;
 * each is denied outside its intents, and each fails when any one of its compiled rules is removed.
 * The share groups' group configs are applied as the program's Job applies them (kafka-configs.sh,
 * the same arguments) and read back through the Admin API.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Admin } from "@platformatic/kafka";
import { groupConfigChanges, kafkaConfigsArgs } from "../../core/strimzi/group-config-job";
import { credentialsProperties } from "../faults/drill-client";
import { clientOptions, ensureKafkaLibs, type KafkaCluster, startKafkaCluster } from "./broker";
import { type AppIntents, may } from "./matrix";
import {
  aclBindings,
  applyTopics,
  applyUsers,
  replaceAcls,
  type StrimziAclRule,
  topicRequest,
  userName,
} from "./operator";
import { type ProtocolResult, runProtocolClient } from "./protocol-client";
import { seedTopics } from "./seed";
import { type StackUnderTest, stackUnderTest } from "./stack";

const DENIALS = ["GROUP_AUTHORIZATION_FAILED", "TOPIC_AUTHORIZATION_FAILED"];

describe("real Kafka: share groups, the consumer and the streams protocols (Java clients)", function () {
  this.timeout(600_000);
  let stack: StackUnderTest;
  let cluster: KafkaCluster;
  let admin: Admin;
  let apps: AppIntents[];

  const app = (pick: (a: AppIntents) => boolean, what: string): AppIntents => {
    const found = apps.find(pick);
    assert.ok(found, `the example teams have no ${what}: extend them`);
    return found;
  };
  const shareApp = () => app((a) => a.shareGroup !== undefined, "share consumer");
  const consumerProtocolApp = () =>
    app((a) => !a.streams && a.groupProtocol === "consumer", "consumer-protocol consumer");
  const streamsProtocolApp = () =>
    app(
      (a) => a.streams && a.groupProtocol === "streams" && a.produces.length > 0,
      "streams-protocol Streams app",
    );
  const as = (a: AppIntents) => ({ username: a.principal, password: stack.passwordOf(a.principal) });
  /** A fresh record in each topic (a share group hands each record out until acknowledged). */
  const refill = (topics: string[]) =>
    seedTopics(
      cluster,
      stack.topics.filter((t) => topics.includes(topicRequest(t).name)),
    );

  /** The allowed flow of each protocol, as the application runs it. */
  const flows = {
    share: async (a: AppIntents, timeoutMs = 30_000) => {
      await refill(a.shareGroup!.consumes);
      return runProtocolClient(cluster, as(a), "share", {
        topic: a.shareGroup!.consumes[0],
        group: a.shareGroup!.id,
        "timeout-ms": timeoutMs,
      });
    },
    consume: async (a: AppIntents, timeoutMs = 30_000) => {
      await refill(a.consumes);
      return runProtocolClient(cluster, as(a), "consume", {
        topic: a.consumes.join(","),
        group: a.consumerGroup,
        "timeout-ms": timeoutMs,
      });
    },
    streams: async (a: AppIntents, timeoutMs = 60_000) => {
      await refill([a.consumes[0]]);
      return runProtocolClient(cluster, as(a), "streams", {
        "app-id": `${a.prefix}.${a.name}`,
        input: a.consumes[0],
        output: a.produces[0],
        "timeout-ms": timeoutMs,
      });
    },
  };

  before(async function () {
    stack = await stackUnderTest("dev");
    apps = stack.teams.flatMap((t) => t.applications);
    cluster = await startKafkaCluster({});
    admin = new Admin(clientOptions(cluster, cluster.admin));
    await applyTopics(admin, stack.topics);
    await applyUsers(cluster, admin, stack.users, (user) => stack.passwordOf(userName(user)));
  });

  after(async function () {
    await admin?.close();
    await cluster?.stop();
  });

  it("applies the team files' share-group configs as the program's Job does, visible through describeConfigs", async function () {
    const changes = stack.org.teams.flatMap(groupConfigChanges);
    assert.ok(changes.length > 0, "the example teams declare no share group");
    const libs = ensureKafkaLibs();
    const adminConfig = credentialsProperties(cluster, cluster.admin.username, cluster.admin.password);
    const log4j = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "configs-")), "log4j2.properties");
    fs.writeFileSync(log4j, "rootLogger.level=error\n");
    // Twice: the second run must change nothing (the Job re-runs when its desired state changes).
    for (let run = 1; run <= 2; run++) {
      for (const change of changes) {
        const command = spawnSync(
          "java",
          [
            "-Xmx256m",
            `-Dlog4j2.configurationFile=${log4j}`,
            "-cp",
            path.join(libs, "*"),
            "kafka.admin.ConfigCommand",
            "--bootstrap-server",
            cluster.bootstrapServers.join(","),
            "--command-config",
            adminConfig,
            ...kafkaConfigsArgs(change),
          ],
          { encoding: "utf8", timeout: 120_000 },
        );
        assert.equal(
          command.status,
          0,
          `kafka-configs ${kafkaConfigsArgs(change).join(" ")}:\n${command.stdout}${command.stderr}`,
        );
      }
      for (const change of changes) {
        const described = await runProtocolClient(cluster, cluster.admin, "group-configs", {
          group: change.group,
        });
        assert.ok(described.ok, JSON.stringify(described));
        const expected = Object.fromEntries(Object.entries(change.set).map(([k, v]) => [k, String(v)]));
        assert.deepEqual(described.configs, expected, `group configs of ${change.group} (run ${run})`);
      }
    }
    console.log(`    group configs applied and read back: ${changes.map((c) => c.group).join(", ")}`);
  });

  interface ShareProbe {
    principal: AppIntents;
    topic: string;
    group: string;
  }

  /** The share consumer on its own group and topic, and the neighbouring access that must be denied. */
  function shareProbes(worker: AppIntents): ShareProbe[] {
    const topic = worker.shareGroup!.consumes[0];
    const foreignTopic = stack.teams.flatMap((t) => t.topics).find((t) => !may.read(worker, t))!;
    return [
      { principal: worker, topic, group: worker.shareGroup!.id },
      // Its group on a topic it may not read, other groups on its topic (its team's, other teams').
      { principal: worker, topic: foreignTopic, group: worker.shareGroup!.id },
      { principal: worker, topic, group: `${worker.prefix}.not-${worker.name}` },
      ...stack.teams
        .filter((t) => t.team !== worker.team)
        .map((t) => ({ principal: worker, topic, group: `${t.prefix}.${worker.name}` })),
      // Every other application on its share group.
      ...apps.filter((a) => a !== worker).map((a) => ({ principal: a, topic, group: worker.shareGroup!.id })),
    ];
  }

  /** Runs the probes; the mismatches between the intents (matrix.ts) and the broker's answers. */
  async function shareMatrix(
    probes: ShareProbe[],
  ): Promise<{ allowed: number; denied: number; mismatches: string[] }> {
    const report = { allowed: 0, denied: 0, mismatches: [] as string[] };
    for (const p of probes) {
      const expect = may.read(p.principal, p.topic) && may.useGroup(p.principal, p.group);
      if (expect) await refill([p.topic]);
      const result = await runProtocolClient(cluster, as(p.principal), "share", {
        topic: p.topic,
        group: p.group,
        "timeout-ms": expect ? 30_000 : 15_000,
      });
      if (matches(result, expect)) report[expect ? "allowed" : "denied"]++;
      else
        report.mismatches.push(
          `${p.principal.principal} share ${p.topic} as ${p.group}: expected ${expect ? "allowed" : "denied"}, got ${JSON.stringify(result)}`,
        );
    }
    console.log(
      `    share groups: ${report.allowed} allowed ok / ${report.denied} denied ok / ${report.mismatches.length} mismatches`,
    );
    return report;
  }

  /** Runs `probes` with the share consumer's compiled rules changed by `change`, then restores them. */
  async function withChangedRules<T>(
    a: AppIntents,
    change: (rules: StrimziAclRule[]) => StrimziAclRule[],
    run: () => Promise<T>,
  ): Promise<T> {
    const user = stack.users.find((u) => userName(u) === a.principal)!;
    const rules = user.spec!.authorization!.acls!;
    const changed = {
      ...user,
      spec: { ...user.spec, authorization: { type: "simple", acls: change(rules) } },
    };
    await replaceAcls(admin, a.principal, aclBindings(changed));
    try {
      return await run();
    } finally {
      await replaceAcls(admin, a.principal, aclBindings(user));
    }
  }

  it("a share consumer reads and acknowledges with its compiled ACLs; other groups and topics are denied", async function () {
    const worker = shareApp();
    const own = await flows.share(worker);
    assert.ok(own.ok, `${worker.principal} share ${worker.shareGroup!.id}: ${JSON.stringify(own)}`);
    assert.ok(Number(own.acknowledged) > 0);
    const report = await shareMatrix(shareProbes(worker));
    assert.deepEqual(report.mismatches, []);
    assert.ok(report.allowed === 1 && report.denied >= 4);
  });

  it("catches a widened share-group rule (a prefix over the team's prefix) and a narrowed one (Describe only)", async function () {
    const worker = shareApp();
    const isShareGroupRule = (r: StrimziAclRule) =>
      r.resource.type === "group" && r.resource.name === worker.shareGroup!.id;
    const widened = await withChangedRules(
      worker,
      (rules) =>
        rules.map((r) =>
          isShareGroupRule(r)
            ? { ...r, resource: { ...r.resource, name: `${worker.prefix}.`, patternType: "prefix" } }
            : r,
        ),
      () => shareMatrix(shareProbes(worker).filter((p) => p.principal === worker)),
    );
    assert.deepEqual(
      widened.mismatches.map((m) => m.split(":")[0]),
      [`${worker.principal} share ${worker.shareGroup!.consumes[0]} as ${worker.prefix}.not-${worker.name}`],
    );
    const narrowed = await withChangedRules(
      worker,
      (rules) => rules.map((r) => (isShareGroupRule(r) ? { ...r, operations: ["Describe"] } : r)),
      () => shareMatrix(shareProbes(worker).slice(0, 1)),
    );
    assert.equal(narrowed.mismatches.length, 1);
    assert.match(narrowed.mismatches[0], /expected allowed, got .*GROUP_AUTHORIZATION_FAILED/);
  });

  it("a consumer on group.protocol=consumer runs with its compiled ACLs and is denied another team's group", async function () {
    const consumer = consumerProtocolApp();
    const own = await flows.consume(consumer);
    assert.ok(own.ok, `${consumer.principal}: ${JSON.stringify(own)}`);
    const other = stack.teams.find((t) => t.team !== consumer.team)!;
    const denied = await runProtocolClient(cluster, as(consumer), "consume", {
      topic: consumer.consumes[0],
      group: `${other.prefix}.${consumer.name}`,
      "timeout-ms": 15_000,
    });
    assert.ok(matches(denied, false), JSON.stringify(denied));
  });

  it("a Kafka Streams application on group.protocol=streams runs with its compiled ACLs", async function () {
    const streams = streamsProtocolApp();
    const result = await flows.streams(streams);
    assert.ok(result.ok, `${streams.principal}: ${JSON.stringify(result)}`);
  });

  describe("every compiled rule is needed", function () {
    for (const [kind, pick, flow] of [
      ["share consumer", () => shareApp(), flows.share],
      [
        "consumer-protocol consumer (its group and consumed topics)",
        () => consumerProtocolApp(),
        flows.consume,
      ],
      ["streams-protocol Streams app", () => streamsProtocolApp(), flows.streams],
    ] as const) {
      it(`${kind}: fails with any one of its rules removed`, async function () {
        const a = pick();
        const user = stack.users.find((u) => userName(u) === a.principal)!;
        const rules = user.spec!.authorization!.acls!;
        // The consumer flow exercises the group and what it consumes, not what it produces.
        const used = rules.filter(
          (r) =>
            kind !== "consumer-protocol consumer (its group and consumed topics)" ||
            r.resource.type === "group" ||
            a.consumes.includes(r.resource.name ?? ""),
        );
        const outcomes: string[] = [];
        for (const removed of used) {
          const narrowed = {
            ...user,
            spec: {
              ...user.spec,
              authorization: { type: "simple", acls: rules.filter((r) => r !== removed) },
            },
          };
          await replaceAcls(admin, a.principal, aclBindings(narrowed));
          try {
            const result = await flow(a, 20_000);
            const what = `${removed.resource.type} ${removed.resource.name} (${removed.resource.patternType})`;
            assert.ok(!result.ok, `${a.principal} still works without its rule on ${what}`);
            outcomes.push(`${what}: ${result.error}`);
          } finally {
            await replaceAcls(admin, a.principal, aclBindings(user));
          }
        }
        console.log(
          `    ${a.principal} without one rule each:\n${outcomes.map((o) => `      ${o}`).join("\n")}`,
        );
        assert.ok(outcomes.length >= 2);
      });
    }
  });
});

/** Allowed means it worked; denied means the broker's own authorization error, nothing else. */
function matches(result: ProtocolResult, expect: boolean): boolean {
  return expect ? result.ok : !result.ok && DENIALS.includes(result.error);
}
