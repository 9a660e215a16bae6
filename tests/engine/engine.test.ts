/**
 * The engine tier: the program through the real Pulumi engine (CLI and Kubernetes provider built
 * from the Go module proxy) against a real kube-apiserver with etcd on 127.0.0.1, with the
 * committed `local` stack (docs/engine-tier.md says which parts are real and which are stand-ins).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, OpMap, StepEventMetadata } from "@pulumi/pulumi/automation";
import { runProgram } from "../../harness/engine";
import { checkPolicies } from "../../cli/commands/policy";
import { readPackConfig } from "../../policies/offline/config";
import type { ControlPlane } from "./control-plane";
import { startTier } from "./tier";
import { ApiPaths, type DeclaredObject, declaredObjects } from "./objects";
import { copyTeams, type EngineStack, localStackConfig, STACK } from "./stack";
import { addConsumedTopic, addTopic, removeTopic } from "./team-edits";
import { binary, ROOT } from "./toolchain";

/**
 * The steps of a preview or update other than `same`, as `<op> <type>`. Every step counts: an edit of
 * a team file moves the lines below it, and the `kafka-platform.io/source` annotation once named the
 * line too, which updated every object below the edit (docs/engine-tier.md, "What it found").
 */
function stepsOf(events: EngineEvent[]): string[] {
  return events
    .map((e) => e.resourcePreEvent?.metadata)
    .filter((m): m is StepEventMetadata => m !== undefined && m.op !== "same")
    .map((m) => `${m.op} ${m.type}`)
    .sort();
}

/** The change counts of a summary, without `same`. */
function changes(summary: OpMap): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).filter(([op, n]) => op !== "same" && (n ?? 0) > 0));
}

const POLICY_CONFIG = path.join(ROOT, "policies", "config", `${STACK}.json`);
/** Starts policies/ as a binary analyzer plugin (see the script for why). */
const POLICY_PACK = path.join(__dirname, "policy-pack", "run-policy-pack");

describe("engine tier: the local stack through the real Pulumi engine and kube-apiserver", function () {
  let controlPlane: ControlPlane;
  let engine: EngineStack;
  let teamsDir: string;
  let declared: DeclaredObject[] = [];
  let paths: ApiPaths;

  /** The stack's team files, freshly copied from the committed ones, for a test to edit. */
  function editableTeams(): string {
    return copyTeams(teamsDir);
  }

  before(async function () {
    ({ controlPlane, paths, teamsDir, engine } = await startTier(this));
  });

  after(async function () {
    engine?.dispose();
    await controlPlane?.stop();
    if (teamsDir) fs.rmSync(teamsDir, { recursive: true, force: true });
  });

  afterEach(function () {
    if (teamsDir) copyTeams(teamsDir);
  });

  it("runs the Pulumi CLI of the lockfile's @pulumi/pulumi version", function () {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
    const sdk = lock.packages["node_modules/@pulumi/pulumi"].version as string;
    assert.equal(execFileSync(binary("pulumi"), ["version"], { encoding: "utf8" }).trim(), `v${sdk}`);
  });

  it("`pulumi up` succeeds and every object it declares exists in the API server", async function () {
    const result = await engine.stack.up();
    assert.equal(result.summary.result, "succeeded");
    declared = declaredObjects(await engine.stack.exportStack());
    const kinds = new Set(declared.map((o) => o.kind));
    for (const kind of [
      "Namespace",
      "CustomResourceDefinition",
      "Kafka",
      "KafkaNodePool",
      "KafkaTopic",
      "KafkaUser",
    ])
      assert.ok(kinds.has(kind), `the stack declares a ${kind}`);
    const missing: string[] = [];
    for (const o of declared)
      if ((await paths.status(o)) !== 200) missing.push(`${o.kind} ${o.namespace}/${o.name}`);
    assert.deepEqual(missing, []);
  });

  it("a second preview reports no change", async function () {
    const events: EngineEvent[] = [];
    const result = await engine.stack.preview({ onEvent: (e) => events.push(e), diff: true });
    assert.deepEqual(stepsOf(events), []);
    assert.deepEqual(changes(result.changeSummary), {});
  });

  it("a new topic in a team file previews exactly one create", async function () {
    addTopic(editableTeams(), "payments", { name: "payments.refunds.v1", retention: "7d" });
    const events: EngineEvent[] = [];
    await engine.stack.preview({ onEvent: (e) => events.push(e), diff: true });
    assert.deepEqual(stepsOf(events), ["create kubernetes:kafka.strimzi.io/v1:KafkaTopic"]);
  });

  it("a new consumed topic updates the application's KafkaUser (its ACLs) in place, no replace", async function () {
    addConsumedTopic(editableTeams(), "payments", "order-service", "payments.payment-events.v1");
    const events: EngineEvent[] = [];
    await engine.stack.preview({ onEvent: (e) => events.push(e), diff: true });
    assert.deepEqual(stepsOf(events), ["update kubernetes:kafka.strimzi.io/v1:KafkaUser"]);
    const update = events.map((e) => e.resourcePreEvent?.metadata).find((m) => m?.op === "update")!;
    assert.match(update.urn, /order-service/);
    const changed = [...(update.diffs ?? []), ...Object.keys(update.detailedDiff ?? {})];
    assert.ok(
      changed.some((d) => d.startsWith("spec")),
      `the change is in the user's ACLs: ${changed}`,
    );
  });

  it("removing an unprotected topic (deletion: allow) previews exactly one delete", async function () {
    removeTopic(editableTeams(), "payments.order-replays");
    const events: EngineEvent[] = [];
    await engine.stack.preview({ onEvent: (e) => events.push(e), diff: true });
    assert.deepEqual(stepsOf(events), ["delete kubernetes:kafka.strimzi.io/v1:KafkaTopic"]);
  });

  it("removing a protected topic fails the preview", async function () {
    removeTopic(editableTeams(), "billing.invoices.v1");
    await assert.rejects(engine.stack.preview(), /protect/);
  });

  it("the policy pack run by the engine reports what `kafka-platform policy` reports", async function () {
    const events: EngineEvent[] = [];
    await engine.stack.preview({
      onEvent: (e) => events.push(e),
      policyPacks: [POLICY_PACK],
      policyPackConfigs: [POLICY_CONFIG],
    });
    const byEngine = events
      .map((e) => e.policyEvent)
      .filter((p) => p !== undefined)
      .map((p) => `${p!.policyName} ${p!.enforcementLevel} ${p!.resourceUrn ?? "stack"}`)
      .sort();
    const run = await runProgram({
      stack: STACK,
      configOverrides: localStackConfig({ kubeconfig: controlPlane.kubeconfig, teamsDir }),
    });
    const offline = await checkPolicies(run, {
      config: readPackConfig(POLICY_CONFIG, POLICY_CONFIG),
      configFile: POLICY_CONFIG,
    });
    const byCli = offline.violations.map((v) => `${v.policy} ${v.level} ${v.urn ?? "stack"}`).sort();
    assert.ok(byCli.length > 0, "the local stack has findings to compare (advisory ones in dev)");
    assert.deepEqual(byEngine, byCli);
  });

  it("no secret value appears in plain text in `pulumi stack export`", async function () {
    const exported = engine.exportText();
    assert.match(exported, /"ciphertext"/, "the export holds encrypted secrets");
    const outputs = await engine.stack.outputs();
    const secrets = Object.entries(outputs)
      .filter(([, o]) => o.secret)
      .map(([k, o]) => [k, String(o.value)]);
    assert.ok(
      secrets.some(([k]) => k === "kafkaAdminPassword"),
      "the admin password is a secret output",
    );
    // And every secret value of every Secret the stack wrote, as the API server holds it (passwords,
    // JAAS configurations, private keys; not the usernames or the CA certificate, which are public).
    for (const o of declared.filter((d) => d.kind === "Secret")) {
      const { body } = await controlPlane.get(await paths.pathOf(o));
      for (const [key, b64] of Object.entries((body as { data?: Record<string, string> }).data ?? {})) {
        if (/password|jaas|\.key$|secret|token/i.test(key))
          secrets.push([`${o.namespace}/${o.name}:${key}`, Buffer.from(b64, "base64").toString("utf8")]);
      }
    }
    assert.ok(secrets.length > 6, `secrets to look for: ${secrets.map(([k]) => k).join(", ")}`);
    for (const [where, value] of secrets) {
      for (const form of [value, Buffer.from(value).toString("base64"), JSON.stringify(value).slice(1, -1)])
        assert.ok(!exported.includes(form), `${where} appears in plain text in the export`);
    }
  });

  it("`pulumi destroy` removes topics and users before the Kafka cluster and leaves no object behind", async function () {
    // Protected topics block a destroy, as they should: unprotect them the documented way first.
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, protectTopics: false });
    const unprotect = await engine.stack.up();
    const changed = Object.keys(changes(unprotect.summary.resourceChanges ?? {}));
    assert.ok(
      changed.every((op) => op === "update"),
      `unprotecting creates, deletes or replaces nothing: ${changed}`,
    );
    const events: EngineEvent[] = [];
    await engine.stack.destroy({ onEvent: (e) => events.push(e) });
    const order = (type: string, phase: "pre" | "done") =>
      events
        .map((e, i) => ({
          m: phase === "pre" ? e.resourcePreEvent?.metadata : e.resOutputsEvent?.metadata,
          i,
        }))
        .filter(({ m }) => m?.op === "delete" && m.type === `kubernetes:kafka.strimzi.io/v1:${type}`)
        .map(({ i }) => i);
    const kafkaDeleteStarts = Math.min(...order("Kafka", "pre"));
    assert.ok(Number.isFinite(kafkaDeleteStarts), "the Kafka cluster is deleted");
    for (const type of ["KafkaTopic", "KafkaUser"]) {
      const done = order(type, "done");
      assert.ok(done.length > 0, `${type}s are deleted`);
      assert.ok(
        Math.max(...done) < kafkaDeleteStarts,
        `every ${type} is gone before the Kafka cluster's delete starts`,
      );
    }
    const left: string[] = [];
    for (const o of declared)
      if ((await paths.status(o)) !== 404) left.push(`${o.kind} ${o.namespace}/${o.name}`);
    assert.deepEqual(left, []);
  });
});
