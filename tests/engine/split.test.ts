/**
 * The split layout through the real engine and API server (docs/stacks.md): a deployment made with
 * the single layout is moved into team stacks by `migrate-stacks` without touching one object
 * (same UIDs, every stack previews no change); then team-scoped previews and deploys, a failing
 * team stack that does not stop the others, and a destroy that empties the team stacks first.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { checkPolicies } from "../../cli/commands/policy";
import { migrateStacks, renamedUrn, rollbackStacks } from "../../cli/stacks/migrate";
import { runProgram } from "../../harness/engine";
import { readPackConfig } from "../../policies/offline/config";
import { runEnvironment, RunEnvironmentOptions } from "../../cli/stacks/run";
import type { StackOutcome } from "../../cli/stacks/summary";
import { EnvironmentWorkspaces } from "../../cli/stacks/workspaces";
import type { ControlPlane } from "./control-plane";
import { startTier } from "./tier";
import { ApiPaths, declaredObjects } from "./objects";
import { copyTeams, type EngineStack, localStackConfig, STACK } from "./stack";
import { addTopic, removeTopic } from "./team-edits";
import { ROOT } from "./toolchain";

/** The committed teams plus `audit`, which the migration test removes for a while. */
const TEAMS = ["audit", "billing", "fraud", "payments"];
const AUDIT_FILE =
  'team: audit\nowners: ["@acme/audit"]\ntopics:\n  - name: audit.events.v1\n    retention: 7d\n';
const POLICY_CONFIG = path.join(ROOT, "policies", "config", `${STACK}.json`);
/** Starts policies/ as a binary analyzer plugin (engine.test.ts). */
const POLICY_PACK = path.join(__dirname, "policy-pack", "run-policy-pack");
const teamStack = (team: string) => `${STACK}.teams.${team}`;

/** Every step other than `same`, per stack, as `<stack>: <op> <type>`. */
function steps(events: [string, EngineEvent][]): string[] {
  return events
    .map(([stack, e]) => [stack, e.resourcePreEvent?.metadata] as const)
    .filter((x): x is readonly [string, StepEventMetadata] => x[1] !== undefined && x[1].op !== "same")
    .map(([stack, m]) => `${stack}: ${m.op} ${m.type}`)
    .sort();
}

describe("engine tier: the split layout (platform stack and team stacks)", function () {
  let controlPlane: ControlPlane;
  let engine: EngineStack;
  let ws: EnvironmentWorkspaces;
  let teamsDir: string;
  let teamWorkDir: string;
  let paths: ApiPaths;
  let backupDir: string;
  let backupFile: string;
  /** UID of every object of the single-layout deployment, by `<kind> <namespace>/<name>`. */
  const uidsBefore = new Map<string, string>();

  async function uids(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const stacks = [
      engine.stack,
      ...(await Promise.all((await ws.existingTeamStacks()).map((n) => ws.teamStack(n)))),
    ];
    for (const stack of stacks)
      for (const o of declaredObjects(await stack.exportStack())) {
        const { status, body } = await controlPlane.get(await paths.pathOf(o));
        if (status === 200)
          found.set(
            `${o.kind} ${o.namespace ?? ""}/${o.name}`,
            (body as { metadata: { uid: string } }).metadata.uid,
          );
      }
    return found;
  }

  /** The committed team files and `audit.yaml`, as the suite deployed them. */
  function resetTeams(): void {
    copyTeams(teamsDir);
    fs.writeFileSync(path.join(teamsDir, "audit.yaml"), AUDIT_FILE);
  }

  async function run(o: RunEnvironmentOptions) {
    const events: [string, EngineEvent][] = [];
    const result = await runEnvironment(ws, { ...o, onEvent: (stack, e) => events.push([stack, e]) });
    return { ...result, steps: steps(events), byStack: new Map(result.outcomes.map((x) => [x.stack, x])) };
  }

  before(async function () {
    ({ controlPlane, paths, teamsDir, engine } = await startTier(this));
    resetTeams();
    teamWorkDir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-team-stacks-"));
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-backups-"));
    ws = await EnvironmentWorkspaces.open({
      env: STACK,
      projectRoot: ROOT,
      platformWorkDir: engine.workDir,
      teamWorkDir,
      pulumiCommand: engine.pulumiCommand,
      envVars: engine.env,
    });
  });

  after(async function () {
    engine?.dispose();
    await controlPlane?.stop();
    for (const d of [teamsDir, teamWorkDir, backupDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("a single-layout deployment is up", async function () {
    assert.equal((await engine.stack.up()).summary.result, "succeeded");
    for (const [k, v] of await uids()) uidsBefore.set(k, v);
    assert.ok(
      [...uidsBefore.keys()].some((k) => k.startsWith("KafkaTopic ")),
      "topics were created",
    );
  });

  it("with layout split but teams not moved, nothing runs and the message says to migrate", async function () {
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "split" });
    const r = await run({ action: "preview" });
    assert.deepEqual(
      r.outcomes.map((o) => [o.stack, o.status]),
      [[STACK, "failed"]],
    );
    assert.match(r.outcomes[0].reason ?? "", /migrate-stacks --env local/);
    assert.deepEqual(r.steps, []);
  });

  it("migrate-stacks moves each team into its team stack, a deployed team without a file too, and is idempotent", async function () {
    // audit's file is gone while its resources are still deployed: it moves into a stack of its own.
    fs.rmSync(path.join(teamsDir, "audit.yaml"));
    const { steps, backup } = await migrateStacks(ws, { backupDir });
    backupFile = backup!;
    assert.deepEqual(
      steps.map((s) => [s.stack, s.status]),
      ["billing", "fraud", "payments", "audit"].map((t) => [teamStack(t), "moved"]),
    );
    resetTeams();
    const again = (await migrateStacks(ws, { backupDir })).steps;
    assert.deepEqual(
      again.map((s) => [s.stack, s.status]),
      TEAMS.map((t) => [teamStack(t), "done"]),
    );
  });

  it("rolled back before any team stack's update, the single layout previews no change; migrating again works", async function () {
    await assert.rejects(rollbackStacks(ws, backupFile), /set it to "single"/);
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "single" });
    // A backup without a moved team (a resumed migration's) would lose that team from the state.
    const exported = JSON.parse(fs.readFileSync(backupFile, "utf8"));
    exported.deployment.resources = exported.deployment.resources.filter(
      (r: { urn: string }) => !r.urn.endsWith("::kafka-platform:teams:KafkaTeam::audit"),
    );
    const partial = path.join(backupDir, "partial.json");
    fs.writeFileSync(partial, JSON.stringify(exported));
    await assert.rejects(
      rollbackStacks(ws, partial),
      /does not hold audit of team stack local\.teams\.audit/,
    );
    assert.deepEqual(await rollbackStacks(ws, backupFile), TEAMS.map(teamStack));
    assert.deepEqual(await ws.existingTeamStacks(), []);
    const single = await run({ action: "preview" });
    assert.deepEqual(
      single.outcomes.map((o) => [o.stack, o.status]),
      [[STACK, "succeeded"]],
    );
    assert.deepEqual(single.steps, []);
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "split" });
    const { steps, backup } = await migrateStacks(ws, { backupDir });
    assert.deepEqual(
      steps.map((s) => s.status),
      TEAMS.map(() => "moved"),
    );
    backupFile = backup!;
  });

  it("after the move every stack previews no change, and `up` creates, deletes and replaces nothing", async function () {
    const preview = await run({ action: "preview" });
    assert.deepEqual(
      preview.outcomes.map((o) => o.status),
      preview.outcomes.map(() => "succeeded"),
    );
    assert.deepEqual(preview.outcomes.map((o) => o.stack).sort(), [STACK, ...TEAMS.map(teamStack)].sort());
    assert.deepEqual(preview.steps, []);
    const up = await run({ action: "up" });
    assert.deepEqual(up.steps, []);
    assert.ok(
      up.outcomes.every((o) => o.status !== "failed"),
      JSON.stringify(up.outcomes),
    );
    const after = await run({ action: "preview" });
    assert.deepEqual(after.steps, []);
  });

  it("the policy pack over every stack reports what `kafka-platform policy` reports for the organisation", async function () {
    const findings: string[] = [];
    await runEnvironment(ws, {
      action: "preview",
      engine: { policyPacks: [POLICY_PACK], policyPackConfigs: [POLICY_CONFIG] },
      onEvent: (stack, e) => {
        const p = e.policyEvent;
        // Named as in the single layout's stack, to compare with the offline run.
        if (p)
          findings.push(
            `${p.policyName} ${p.enforcementLevel} ${p.resourceUrn ? renamedUrn(p.resourceUrn, STACK) : `stack ${stack}`}`,
          );
      },
    });
    const run = await runProgram({
      stack: STACK,
      configOverrides: localStackConfig({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "split" }),
      wholeOrganisation: true,
    });
    const offline = await checkPolicies(run, {
      config: readPackConfig(POLICY_CONFIG, POLICY_CONFIG),
      configFile: POLICY_CONFIG,
    });
    const byCli = offline.violations.map((v) => `${v.policy} ${v.level} ${v.urn ?? `stack ${STACK}`}`).sort();
    assert.ok(byCli.length > 0, "the local stack has findings to compare");
    assert.deepEqual(findings.sort(), byCli);
  });

  it("an organisation-wide finding (the policy pack over every team) stops the run before any stack", async function () {
    const r = await run({ action: "up", organisationCheck: async () => "mandatory violations" });
    assert.deepEqual(
      r.outcomes.map((o) => [o.stack, o.status, o.reason]),
      [[STACK, "failed", "mandatory violations"]],
    );
    assert.deepEqual(r.steps, []);
  });

  it("no object was recreated: every UID is unchanged", async function () {
    const now = await uids();
    assert.ok(uidsBefore.size > 20, `objects compared: ${uidsBefore.size}`);
    const changed = [...uidsBefore].filter(([k, uid]) => now.get(k) !== uid).map(([k]) => k);
    assert.deepEqual(changed, []);
  });

  it("a one-team change previews in that team's stack only: one create", async function () {
    // deletion: allow, so the destroy below can remove it once the file no longer declares it.
    addTopic(teamsDir, "payments", { name: "payments.refunds.v1", retention: "7d", deletion: "allow" });
    const r = await run({ action: "preview", platform: false, teamStacks: () => [teamStack("payments")] });
    assert.deepEqual(
      r.outcomes.map((o) => o.stack),
      [teamStack("payments")],
    );
    assert.deepEqual(r.steps, [`${teamStack("payments")}: create kubernetes:kafka.strimzi.io/v1:KafkaTopic`]);
    assert.deepEqual(r.outcomes[0].changes, { create: 1 });
  });

  it("a new team's preview shows its creates and leaves no team stack behind", async function () {
    fs.writeFileSync(
      path.join(teamsDir, "ledger.yaml"),
      'team: ledger\nowners: ["@acme/ledger"]\ntopics:\n  - name: ledger.events.v1\n    retention: 7d\n',
    );
    const r = await run({ action: "preview", platform: false, teamStacks: () => [teamStack("ledger")] });
    assert.deepEqual(
      r.outcomes.map((o) => [o.stack, o.status]),
      [[teamStack("ledger"), "succeeded"]],
    );
    assert.ok((r.outcomes[0].changes.create ?? 0) >= 2, JSON.stringify(r.outcomes[0].changes)); // namespace, topic
    assert.ok(
      !(await ws.existingTeamStacks()).includes(teamStack("ledger")),
      "the preview removed the stack it made",
    );
    fs.rmSync(path.join(teamsDir, "ledger.yaml"));
  });

  it("a failing team stack does not stop the others, and the outcome names it", async function () {
    removeTopic(teamsDir, "billing.invoices.v1"); // protected: the billing stack fails
    const r = await run({ action: "up", parallel: 2 });
    const billing = r.byStack.get(teamStack("billing")) as StackOutcome;
    assert.equal(billing.status, "failed");
    assert.match(billing.reason ?? "", /protect/);
    assert.equal(r.byStack.get(teamStack("payments"))?.status, "succeeded");
    assert.deepEqual(r.byStack.get(teamStack("payments"))?.changes, { create: 1 });
    const topic = {
      apiVersion: "kafka.strimzi.io/v1",
      kind: "KafkaTopic",
      namespace: "kafka",
      name: "payments.refunds.v1",
      urn: "",
    };
    assert.equal(await paths.status(topic), 200, "the payments stack deployed its new topic");
    resetTeams();
  });

  it("once a team stack has changed something, the backup is stale and rollback refuses", async function () {
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "single" });
    await assert.rejects(rollbackStacks(ws, backupFile), /was updated after the migration/);
    engine.configure({ kubeconfig: controlPlane.kubeconfig, teamsDir, layout: "split" });
  });

  it("destroy empties the team stacks first, then the platform stack, and leaves no object behind", async function () {
    resetTeams();
    engine.configure({
      kubeconfig: controlPlane.kubeconfig,
      teamsDir,
      layout: "split",
      protectTopics: false,
    });
    const unprotect = await run({ action: "up" });
    assert.ok(
      unprotect.outcomes.every((o) => o.status !== "failed"),
      JSON.stringify(unprotect.outcomes),
    );
    const events: string[] = [];
    const r = await runEnvironment(ws, {
      action: "destroy",
      onEvent: (stack, e) => {
        if (e.resOutputsEvent?.metadata.op === "delete") events.push(stack);
      },
    });
    assert.ok(
      r.outcomes.every((o) => o.status === "succeeded"),
      JSON.stringify(r.outcomes),
    );
    const firstPlatform = events.indexOf(STACK);
    const lastTeam = Math.max(...TEAMS.map((t) => events.lastIndexOf(teamStack(t))));
    assert.ok(firstPlatform > lastTeam, "every team stack's delete ends before the platform stack's first");
    const left: string[] = [];
    for (const [k] of uidsBefore) {
      const [kind, where] = k.split(" ");
      const [ns, name] = where.split("/");
      if (["Namespace", "KafkaTopic", "KafkaUser", "Secret", "Kafka"].includes(kind)) {
        const apiVersion = kind.startsWith("Kafka") ? "kafka.strimzi.io/v1" : "v1";
        if ((await paths.status({ urn: "", apiVersion, kind, name, namespace: ns || undefined })) !== 404)
          left.push(k);
      }
    }
    assert.deepEqual(left, []);
  });
});
