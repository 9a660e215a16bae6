/**
 * Fault drill (issue 12): the prod stack's durability and quota settings on a real three-broker
 * KRaft cluster (three dedicated controllers), under broker loss, too many losses, controller loss
 * and load. Figures are printed as one table at the end; docs/reliability.md records a run.
 *
 * Clients: Apache Kafka's Java client (client/DrillClient.java), configured from the credentials
 * Secret's keys, so the drill measures the broker settings rather than a client's retry logic.
 */
import { strict as assert } from "node:assert";
import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  ResourcePatternTypes,
  ResourceTypes,
} from "@platformatic/kafka";
import { clientOptions, type KafkaCluster, startKafkaCluster } from "../kafka/broker";
import { applyTopics, applyUsers, userName } from "../kafka/operator";
import { compareDelivery, type DurabilityFigures, type KeyedSeq } from "./durability";
import {
  consumeAll,
  credentialsProperties,
  describeQuorum,
  DrillProducer,
  measureRate,
} from "./drill-client";
import { drillInputs, type DrillInputs, loopbackBrokerConfig } from "./prod-inputs";
import { FigureTable } from "./summary";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOT_ENOUGH_REPLICAS = /^NotEnoughReplicas(AfterAppend)?Exception$/;

/**
 * The brokers measure a client's rate over `quota.window.num` samples of `quota.window.size.seconds`
 * and, while fewer than that have passed, as if the whole window had (Kafka's default: 11 × 1 s, so
 * 10 s). A client may therefore burst 10 s' worth of quota at once and is then held back until those
 * samples expire, so a 10-second stretch of a 14-second run can land far below or above the quota (a CI
 * run measured 38 %). Three one-second samples keep the quota (the prod setting under test)
 * and make a 10-second measurement average over many windows. Strimzi leaves these at Kafka's defaults;
 * they change how quickly the broker reacts, not the rate it enforces.
 */
const QUOTA_WINDOW = { "quota.window.num": 3, "quota.window.size.seconds": 1 };

describe("fault drill: prod durability and quota settings on a three-broker cluster", function () {
  this.timeout(300_000);
  const table = new FigureTable();
  let inputs: DrillInputs;
  let cluster: KafkaCluster;
  let admin: Admin;
  /** Client properties (credentials Secret keys) per principal. */
  const props = new Map<string, string>();
  let readers = 0;

  const topic = () => inputs.topic.name;
  const brokers = () => cluster.nodes.filter((n) => n.roles.includes("broker")).map((n) => n.id);
  const propsOf = (principal: string) => props.get(principal)!;

  /** Reads the topic back with the consumer application, in a group of its own prefix. */
  async function readBack(): Promise<KeyedSeq[]> {
    readers += 1;
    return consumeAll(
      propsOf(inputs.consumer.principal),
      topic(),
      `${inputs.consumer.consumerGroup}.fault-drill-${readers}`,
    );
  }

  /** Leader and ISR per partition of the drill topic. */
  async function partitions(): Promise<{ partition: number; leader: number; isr: number[] }[]> {
    const metadata = await admin.metadata({ topics: [topic()], forceUpdate: true });
    return metadata.topics
      .get(topic())!
      .partitions.map((p, partition) => ({ partition, leader: p.leader, isr: p.isr }));
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
    const start = Date.now();
    for (;;) {
      try {
        if (await check()) return Date.now() - start;
      } catch {
        // metadata may be briefly unavailable while brokers come and go
      }
      if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  function recordDelivery(scenario: string, f: DurabilityFigures, expectZero = true): void {
    table.add(scenario, "acknowledged", f.acknowledged);
    table.add(scenario, "consumed", f.consumed);
    for (const [name, value] of [
      ["lost", f.lost],
      ["duplicated", f.duplicated],
      ["reordered (per key)", f.reordered],
    ] as const) {
      table.add(scenario, name, value, expectZero ? "= 0" : "", expectZero ? value === 0 : undefined);
    }
    table.add(scenario, "written, not acknowledged", f.unacknowledgedButWritten);
  }

  before(async function () {
    inputs = await drillInputs();
    console.log(
      `      prod broker settings (rendered Kafka spec.kafka.config): ${JSON.stringify(inputs.brokerConfig)}`,
    );
    console.log(
      `      topic ${topic()}; producer ${inputs.producer.principal}; consumer ${inputs.consumer.principal}; neighbour ${inputs.neighbour.principal} (${inputs.neighbour.topic})`,
    );
    cluster = await startKafkaCluster({
      nodes: 3,
      controllers: 3,
      heapMb: 384,
      brokerConfig: { ...loopbackBrokerConfig(inputs.brokerConfig), ...QUOTA_WINDOW },
    });
    admin = new Admin({ ...clientOptions(cluster, cluster.admin), retries: 10, retryDelay: 500 });
    await applyUsers(cluster, admin, inputs.users, (u) => inputs.stack.passwordOf(userName(u)));
    await applyTopics(admin, [inputs.topic, inputs.neighbourTopic]);
    for (const user of inputs.users) {
      props.set(
        userName(user),
        credentialsProperties(cluster, userName(user), inputs.stack.passwordOf(userName(user))),
      );
    }
    props.set(
      cluster.admin.username,
      credentialsProperties(cluster, cluster.admin.username, cluster.admin.password),
    );
  });

  after(async function () {
    await admin?.close();
    await cluster?.stop();
    if (table.rows.length > 0) console.log(`\n${table.markdown()}\n`);
  });

  it("takes the broker settings, topic and users from the prod stack", async function () {
    assert.equal(Number(inputs.brokerConfig["min.insync.replicas"]), 2);
    assert.equal(String(inputs.brokerConfig["unclean.leader.election.enable"]), "false");
    assert.equal(inputs.topic.spec?.replicas, 3);
    const live = await partitions();
    assert.equal(live.length, inputs.topic.spec?.partitions);
    assert.ok(
      live.every((p) => p.isr.length === 3),
      "every partition fully replicated before the drill",
    );
  });

  it("loses, duplicates and reorders no acknowledged message when a broker is SIGKILLed under load", async function () {
    const producer = await new DrillProducer(propsOf(inputs.producer.principal), topic(), {
      rate: 400,
      keys: 24,
    }).ready();
    await producer.progress(800);
    const layout = await partitions();
    // The broker leading the most partitions: its loss moves the most leaders.
    const victim = brokers()
      .map((id) => ({ id, led: layout.filter((p) => p.leader === id).map((p) => p.partition) }))
      .sort((a, b) => b.led.length - a.led.length)[0];
    const killedAt = Date.now();
    await cluster.kill(victim.id);
    await sleep(8_000);
    await cluster.restart(victim.id);
    await producer.progress(800);
    await producer.stop();

    const figures = compareDelivery(producer.acks, producer.own(await readBack()));
    const firstAfter = producer.acks
      .filter((a) => victim.led.includes(a.partition) && a.sentAt >= killedAt)
      .sort((a, b) => a.ackedAt - b.ackedAt)[0];
    const recoveryMs = firstAfter ? firstAfter.ackedAt - killedAt : undefined;
    recordDelivery("1 broker SIGKILLed", figures);
    table.add("1 broker SIGKILLed", `leader partitions moved`, victim.led.length);
    table.add("1 broker SIGKILLed", "progress again on its partitions after (ms)", recoveryMs ?? "n/a");
    table.add("1 broker SIGKILLed", "send errors", producer.errors.length);

    assert.ok(figures.acknowledged > 1_500, `enough load (${figures.acknowledged} acknowledged)`);
    assert.equal(figures.lost, 0, "lost acknowledged messages");
    assert.equal(figures.duplicated, 0, "duplicates");
    assert.equal(figures.reordered, 0, "reordered per key");
    assert.ok(recoveryMs !== undefined, "the producer made progress on the killed broker's partitions again");
  });

  it("refuses acks=all writes with NOT_ENOUGH_REPLICAS when two of three brokers are down, and resumes after restart", async function () {
    const { fencedMs, sent: refused, victims } = await sendWithTwoOfThreeDown();
    const errorNames = [...new Set(refused.errors.map((e) => e.error))];
    table.add("2 of 3 brokers down", "ISR shrunk to 1 after (ms)", fencedMs);
    table.add(
      "2 of 3 brokers down",
      "acknowledged (acks=all)",
      refused.acks.length,
      "= 0",
      refused.acks.length === 0,
    );
    table.add(
      "2 of 3 brokers down",
      "refused",
      `${refused.errors.length} (${errorNames.join(", ")})`,
      "all, NOT_ENOUGH_REPLICAS",
      refused.errors.length === 50 && errorNames.every((n) => NOT_ENOUGH_REPLICAS.test(n)),
    );

    const restartedAt = Date.now();
    await Promise.all(victims.map((id) => cluster.restart(id)));
    const resumed = new DrillProducer(propsOf(inputs.producer.principal), topic(), {
      rate: 100,
      max: 100,
      keys: 24,
    });
    await resumed.finish();
    const firstAck = Math.min(...resumed.acks.map((a) => a.ackedAt));
    table.add(
      "2 of 3 brokers down",
      "after restart: acknowledged",
      `${resumed.acks.length}/100`,
      "= 100",
      resumed.acks.length === 100,
    );
    table.add("2 of 3 brokers down", "writes resumed after restart began (ms)", firstAck - restartedAt);

    // A refused write must not turn up later either.
    const log = new Set(refused.own(await readBack()).map((r) => `${r.key}/${r.seq}`));
    const resurfaced = refused.errors.filter((e) => log.has(`${e.key}/${e.seq}`));
    table.add(
      "2 of 3 brokers down",
      "refused but in the log",
      resurfaced.length,
      "= 0",
      resurfaced.length === 0,
    );

    assert.equal(refused.acks.length, 0, "nothing acknowledged with one replica");
    assert.equal(refused.errors.length, 50);
    assert.ok(
      errorNames.every((n) => NOT_ENOUGH_REPLICAS.test(n)),
      `refusal errors: ${errorNames.join(", ")}`,
    );
    assert.equal(resumed.acks.length, 100, "writes resume after the brokers return");
    assert.equal(resurfaced.length, 0);
  });

  it("keeps topic and ACL administration working when the active controller is SIGKILLed", async function () {
    const adminProps = propsOf(cluster.admin.username);
    const before = await describeQuorum(adminProps);
    await cluster.kill(before.leaderId);
    const start = Date.now();
    const probeTopic = `${inputs.producer.prefix}.fault-drill.controller-loss`;
    await admin.createTopics({ topics: [probeTopic], partitions: 3, replicas: 3 });
    const acl = {
      principal: `User:${inputs.producer.principal}`,
      host: "*",
      resourceType: ResourceTypes.TOPIC,
      resourceName: probeTopic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      operation: AclOperations.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    };
    await admin.createAcls({ creations: [acl] });
    // Brokers answer DescribeAcls from their copy of the metadata log, which follows the controller.
    let described: unknown[] = [];
    await until(
      "ACL visible",
      async () => (described = await admin.describeAcls({ filter: acl })).length === 1,
      30_000,
    );
    await admin.deleteAcls({ filters: [acl] });
    await admin.deleteTopics({ topics: [probeTopic] });
    const adminMs = Date.now() - start;
    const afterLoss = await describeQuorum(adminProps);
    await cluster.restart(before.leaderId);

    table.add(
      "active controller SIGKILLed",
      "quorum leader before → after",
      `${before.leaderId} → ${afterLoss.leaderId}`,
      "another voter",
      afterLoss.leaderId !== before.leaderId && afterLoss.leaderId > 0,
    );
    table.add(
      "active controller SIGKILLed",
      "create topic + ACL, describe, delete (ms)",
      adminMs,
      "succeeds",
      described.length === 1,
    );
    assert.notEqual(afterLoss.leaderId, before.leaderId);
    assert.equal(described.length, 1, "the ACL created during the controller loss is there");
  });

  it("keeps acknowledged messages when the leader dies with its followers briefly frozen (prod settings)", async function () {
    const result = await leaderDiesWhileFollowersFrozen("all");
    recordDelivery("leader killed, followers frozen (prod)", result);
    assert.equal(result.lost, 0);
    assert.equal(result.duplicated, 0);
    assert.equal(result.reordered, 0);
  });

  it("throttles an application to its producer quota while another team's application keeps its rate", async function () {
    const quotaOf = (principal: string) =>
      inputs.users.find((u) => userName(u) === principal)?.spec?.quotas?.producerByteRate;
    const quota = quotaOf(inputs.producer.principal);
    const neighbourQuota = quotaOf(inputs.neighbour.principal);
    assert.ok(quota && neighbourQuota, "both applications have a producer quota in prod");
    const neighbourTarget = Math.min(256 * 1024, Math.floor(neighbourQuota / 2));
    // One partition: quotas are enforced per broker, so one leader makes the quota the expected rate.
    const [noisy, neighbour] = await Promise.all([
      measureRate(propsOf(inputs.producer.principal), topic(), {
        partition: 0,
        // Large records so that a loaded 2-core machine offers well above the quota (with 1 KiB
        // records it sometimes could not, and the rate measured the machine instead of the broker).
        recordBytes: 16 * 1024,
        durationMs: 14_000,
        warmupMs: 4_000,
      }),
      measureRate(propsOf(inputs.neighbour.principal), inputs.neighbour.topic, {
        partition: 0,
        targetBytesPerSec: neighbourTarget,
        durationMs: 14_000,
        warmupMs: 4_000,
      }),
    ]);
    // Above the quota means no throttling; well below it means the broker held the client back more
    // than the quota asks (throttle time > 0 below shows it was the broker, not the client itself).
    const withinQuota = noisy.bytesPerSec <= 1.25 * quota && noisy.bytesPerSec >= 0.5 * quota;
    table.add(
      "quota",
      `${inputs.producer.principal} rate (B/s), quota ${quota}`,
      noisy.bytesPerSec,
      "50 % … 125 % of quota",
      withinQuota,
    );
    table.add(
      "quota",
      `${inputs.producer.principal} broker throttle time avg / max (ms)`,
      `${noisy.throttleTimeAvgMs.toFixed(0)} / ${noisy.throttleTimeMaxMs.toFixed(0)}`,
      "max > 0",
      noisy.throttleTimeMaxMs > 0,
    );
    table.add(
      "quota",
      `${inputs.neighbour.principal} rate (B/s), target ${neighbourTarget}`,
      neighbour.bytesPerSec,
      "≥ 90 % of target",
      neighbour.bytesPerSec >= 0.9 * neighbourTarget,
    );
    table.add(
      "quota",
      `${inputs.neighbour.principal} broker throttle time max (ms)`,
      neighbour.throttleTimeMaxMs.toFixed(0),
      "= 0",
      neighbour.throttleTimeMaxMs === 0,
    );

    assert.ok(withinQuota, `throttled rate ${noisy.bytesPerSec} B/s vs quota ${quota} B/s`);
    assert.ok(noisy.throttleTimeMaxMs > 0, "the broker reported throttle time");
    assert.ok(neighbour.bytesPerSec >= 0.9 * neighbourTarget, `neighbour rate ${neighbour.bytesPerSec} B/s`);
    assert.equal(neighbour.throttleTimeMaxMs, 0, "the neighbour is not throttled");
    assert.equal(noisy.failed + neighbour.failed, 0);
  });

  it("detects the weakened topic (min.insync.replicas=1: acks=all acknowledged by one replica) and acks=1 (acknowledged messages die with the leader)", async function () {
    // The same rendered topic, recreated with the weakened setting.
    await admin.deleteTopics({ topics: [topic()] });
    await until("topic deleted", async () => !(await admin.listTopics()).includes(topic()));
    const weakened = {
      ...inputs.topic,
      spec: { ...inputs.topic.spec, config: { ...inputs.topic.spec?.config, "min.insync.replicas": 1 } },
    };
    await applyTopics(admin, [weakened]);
    await until("topic replicated", async () => (await partitions()).every((p) => p.isr.length === 3));

    // acks=1: the leader acknowledges before any follower has the message. This loss is the producer
    // setting's; min.insync.replicas applies to acks=all only, so the prod topic would lose the same.
    const loss = await leaderDiesWhileFollowersFrozen("1");
    recordDelivery("leader killed, followers frozen (weakened)", loss, false);

    // min.insync.replicas=1: the same acks=all sends that the prod topic refuses with
    // NOT_ENOUGH_REPLICAS (case "2 of 3 brokers down") are acknowledged by one broker alone.
    const { sent: single, victims } = await sendWithTwoOfThreeDown();
    await Promise.all(victims.map((id) => cluster.restart(id)));
    table.add(
      "2 of 3 brokers down (weakened)",
      "acknowledged (acks=all) with one live replica",
      single.acks.length,
      "detected (> 0)",
      single.acks.length > 0,
    );
    table.add(
      "leader killed, followers frozen (weakened)",
      "loss detected",
      loss.lost,
      "detected (> 0)",
      loss.lost > 0,
    );

    assert.ok(single.acks.length > 0, "acks=all acknowledged with one live replica (min.insync.replicas=1)");
    assert.ok(loss.lost > 0, "acknowledged messages lost with the leader (acks=1)");
  });

  /**
   * Kills two of the three brokers, waits until the survivor leads every partition of the drill
   * topic alone (ISR 1), then sends 50 messages with acks=all and idempotence (one retry, 20 s
   * delivery timeout). The prod topic (min.insync.replicas=2) must refuse them all; a topic with
   * min.insync.replicas=1 acknowledges them. The killed brokers stay down: the caller restarts them.
   */
  async function sendWithTwoOfThreeDown(): Promise<{
    fencedMs: number;
    sent: DrillProducer;
    victims: number[];
  }> {
    const [survivor, ...victims] = brokers();
    for (const id of victims) await cluster.kill(id);
    const fencedMs = await until("ISR shrunk to the survivor", async () =>
      (await partitions()).every((p) => p.leader === survivor && p.isr.length === 1),
    );
    const sent = new DrillProducer(propsOf(inputs.producer.principal), topic(), {
      acks: "all",
      rate: 50,
      max: 50,
      keys: 24,
      retries: 1,
      deliveryTimeoutMs: 20_000,
    });
    await sent.finish();
    return { fencedMs, sent, victims };
  }

  /**
   * Freezes the followers of partition 0's leader (SIGSTOP, 2 s), SIGKILLs that leader while they
   * are frozen, lets them run again and reads everything back. With acks=all nothing the frozen
   * followers lack was acknowledged: they stay in the ISR (replica.lag.time.max.ms, 30 s, outlasts
   * the freeze) and the leader waits for every ISR member, whatever min.insync.replicas is. With
   * acks=1 the leader acknowledged what dies with it, whatever min.insync.replicas is.
   */
  async function leaderDiesWhileFollowersFrozen(acks: "all" | "1"): Promise<DurabilityFigures> {
    const producer = await new DrillProducer(propsOf(inputs.producer.principal), topic(), {
      acks,
      rate: 400,
      keys: 24,
    }).ready();
    await producer.progress(400);
    let leader = -1;
    await until("partition 0 has a leader", async () => (leader = (await partitions())[0].leader) > 0);
    const followers = brokers().filter((id) => id !== leader);
    for (const id of followers) cluster.pause(id);
    await sleep(2_000);
    await cluster.kill(leader);
    for (const id of followers) cluster.resume(id);
    await producer.progress(400, 90_000);
    await cluster.restart(leader);
    await until("leader's replicas back in sync", async () =>
      (await partitions()).every((p) => p.isr.length === 3),
    );
    await producer.stop();
    return compareDelivery(producer.acks, producer.own(await readBack()));
  }
});
