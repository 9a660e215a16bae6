import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import {
  durationToMs,
  findTeam,
  findTopic,
  loadTeams,
  teamFileJsonSchemaText,
  TEAM_FILE_SCHEMA_PATH,
  teamFileNames,
} from "../../../core/teams";
import { topicResourceName, isKubernetesName } from "../../../core/strimzi/names";

const ROOT = path.join(__dirname, "../../..");
const TEAMS = path.join(ROOT, "teams");

describe("team files: the example organisation", function () {
  const org = loadTeams(TEAMS, { displayDir: "teams" });

  it("has at least three teams with cross-team grants, a transactional producer and a Streams app", function () {
    assert.ok(org.teams.length >= 3);
    const apps = org.teams.flatMap((t) => t.applications);
    assert.ok(apps.some((a) => a.transactional && !a.streams));
    assert.ok(apps.some((a) => a.streams));
    assert.ok(
      apps.some((a) => a.produces.some((u) => u.via === "grant")),
      "a write grant in use",
    );
    assert.ok(
      apps.some((a) => a.consumes.some((u) => u.via === "grant")),
      "a read grant in use",
    );
  });

  it("fills in defaults: prefix and namespace from the team, deletion protect, cleanup delete", function () {
    const payments = findTeam(org, "payments")!;
    assert.equal(payments.prefix, "payments");
    assert.equal(payments.namespace, "payments");
    assert.equal(findTeam(org, "billing")!.namespace, "billing-apps");
    assert.equal(findTeam(org, "fraud")!.prefix, "risk.fraud");
    const orders = findTopic(org, "payments.orders.v1")!;
    assert.equal(orders.deletion, "protect");
    assert.equal(orders.cleanupPolicy, "delete");
    assert.equal(orders.retentionMs, 7 * 24 * 3600 * 1000);
    assert.deepEqual(orders.source, {
      file: "teams/payments.yaml",
      line: paymentsLine("- name: payments.orders.v1"),
    });
    assert.equal(findTopic(org, "payments.customer-state.v1")!.retentionMs, "infinite");
  });

  it("resolves applications: principal, ids, consumer group, topic uses and quotas", function () {
    const processor = findTeam(org, "payments")!.applications.find((a) => a.name === "payment-processor")!;
    assert.equal(processor.principal, "payments-payment-processor");
    assert.equal(processor.appId, "payments.payment-processor");
    assert.equal(processor.consumerGroup, "payments.processor");
    assert.deepEqual(processor.produces, [
      { topic: "payments.payment-events.v1", owner: "payments", via: "own" },
      { topic: "billing.refund-requests.v1", owner: "billing", via: "grant" },
      { topic: "payments.settlement-jobs.v1", owner: "payments", via: "own" },
    ]);
    assert.equal(processor.groupProtocol, "classic");
    const worker = findTeam(org, "payments")!.applications.find((a) => a.name === "settlement-worker")!;
    assert.deepEqual(worker.shareGroup, {
      id: "payments.settlement-worker",
      consumes: [{ topic: "payments.settlement-jobs.v1", owner: "payments", via: "own" }],
      configs: {
        "share.auto.offset.reset": "earliest",
        "share.record.lock.duration.ms": 45000,
        "share.delivery.count.limit": 3,
      },
    });
    assert.equal(worker.consumes.length, 0);
    assert.equal(findTeam(org, "billing")!.applications[0].groupProtocol, "consumer");
    assert.deepEqual(processor.quotas, {
      producerByteRate: 4194304,
      consumerByteRate: 4194304,
      requestPercentage: 50,
      controllerMutationRate: 10,
    });
    const orderService = findTeam(org, "payments")!.applications.find((a) => a.name === "order-service")!;
    assert.equal(orderService.consumerGroup, "payments.order-service");
    assert.deepEqual(orderService.quotas, findTeam(org, "payments")!.quotas, "team quotas as default");
  });

  it("records grants on the granted topics; waivers come only from platform/waivers.yaml", function () {
    assert.deepEqual(findTopic(org, "payments.payment-events.v1")!.grants, [
      { team: "billing", access: "read" },
      { team: "fraud", access: "read" },
    ]);
    assert.deepEqual(findTopic(org, "billing.refund-requests.v1")!.grants, [
      { team: "payments", access: "write" },
    ]);
    assert.ok(
      org.teams.every((t) => t.waivers.length === 0 && t.topics.every((x) => x.waivers.length === 0)),
    );
  });

  it("reads only YAML files (the README is not a team)", function () {
    assert.ok(teamFileNames(TEAMS).every((f) => f.endsWith(".yaml")));
    assert.equal(teamFileNames(TEAMS).length, org.teams.length);
  });
});

describe("team files: published JSON Schema", function () {
  const published = readFileSync(path.join(ROOT, TEAM_FILE_SCHEMA_PATH), "utf8");

  it("is current (regenerate with `npm run schema:team`)", function () {
    assert.equal(published, teamFileJsonSchemaText());
  });

  it("accepts every example team file and rejects unknown keys and bad values", function () {
    const validate = new Ajv2020({
      strict: false,
      allErrors: true,
      formats: { date: /^\d{4}-\d{2}-\d{2}$/ },
    }).compile(JSON.parse(published));
    for (const file of teamFileNames(TEAMS)) {
      const doc = parse(readFileSync(path.join(TEAMS, file), "utf8"));
      assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ team: "payments", topic: [] }), false);
    assert.equal(validate({ team: "payments", topics: [{ name: "payments.x", retention: "7x" }] }), false);
    assert.equal(
      validate({ team: "payments", topics: [{ name: "payments.x", retention: "infinite" }] }),
      true,
    );
  });
});

describe("team files: durations and Kubernetes names", function () {
  it("converts durations to milliseconds", function () {
    assert.equal(durationToMs("30s"), 30_000);
    assert.equal(durationToMs("15m"), 900_000);
    assert.equal(durationToMs("2h"), 7_200_000);
    assert.equal(durationToMs("7d"), 604_800_000);
    assert.equal(durationToMs("2w"), 1_209_600_000);
    assert.equal(durationToMs(1234), 1234);
    assert.throws(() => durationToMs("7x"), /^Error: not a duration: "7x"$/);
  });

  it("keeps valid topic names and sanitises others into distinct valid names", function () {
    assert.equal(topicResourceName("payments.orders.v1"), "payments.orders.v1");
    const names = ["payments.Orders_v1", "payments.orders_v1", "payments.orders-v1_", "payments._x"].map(
      topicResourceName,
    );
    for (const name of names) assert.ok(isKubernetesName(name), name);
    assert.equal(new Set(names).size, names.length);
    assert.match(names[0], /^payments\.orders-v1-[0-9a-f]{8}$/);
    assert.ok(isKubernetesName(topicResourceName(`payments.${"X".repeat(240)}`)));
  });
});

/** 1-based line of the first line of the example payments team file that contains `text`. */
function paymentsLine(text: string): number {
  const lines = readFileSync(path.join(TEAMS, "payments.yaml"), "utf8").split("\n");
  return lines.findIndex((l) => l.includes(text)) + 1;
}
