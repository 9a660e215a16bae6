/**
 * .github/scripts/preview-digest.ts, which the Preview workflow runs on `pulumi preview --json`:
 * steps counted per resource type and operation, deletions and replacements named, and no value
 * of any resource (a Secret's password, a state) in the digest.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parseUrn, previewDigest } from "../../.github/scripts/preview-digest";

const ROOT = path.resolve(__dirname, "../..");
const urn = (type: string, name: string) =>
  `urn:pulumi:prod::kafka-platform::kafka-platform:teams:KafkaTeam$${type}::${name}`;
const SECRET = "hunter2-very-secret";

/** A `pulumi preview --json` document as the CLI prints it (display.PreviewDigest), trimmed. */
const PREVIEW = {
  config: { "kafka-platform:environment": "prod", "kafka-platform:adminPassword": "[secret]" },
  steps: [
    { op: "same", urn: urn("kubernetes:core/v1:Namespace", "payments"), newState: { inputs: {} } },
    {
      op: "create",
      urn: urn("kubernetes:core/v1:Secret", "payments/order-service/credentials"),
      newState: { inputs: { stringData: { password: SECRET } } },
    },
    {
      op: "create",
      urn: urn("kubernetes:core/v1:Secret", "payments/order-service/password"),
      newState: { inputs: { stringData: { password: SECRET } } },
    },
    {
      op: "update",
      urn: urn("kubernetes:kafka.strimzi.io/v1:KafkaTopic", "payments/payments.orders.v1"),
      diffReasons: ["spec"],
      oldState: { inputs: { spec: { partitions: 6 } } },
      newState: { inputs: { spec: { partitions: 12 } } },
      detailedDiff: { "spec.partitions": { kind: "update", inputDiff: true } },
    },
    {
      op: "delete",
      urn: urn("kubernetes:kafka.strimzi.io/v1:KafkaTopic", "payments/payments.order-replays"),
      oldState: { inputs: { spec: { partitions: 1 } } },
    },
    {
      op: "replace",
      urn: urn("kubernetes:core/v1:Namespace", "billing"),
      replaceReasons: ["metadata.name"],
      oldState: { inputs: { metadata: { name: "billing" } } },
    },
    {
      op: "create-replacement",
      urn: urn("kubernetes:core/v1:Namespace", "billing"),
      replaceReasons: ["metadata.name"],
    },
    { op: "delete-replaced", urn: urn("kubernetes:core/v1:Namespace", "billing") },
  ],
  diagnostics: [
    { severity: "warning", message: `the password is ${SECRET}` },
    { severity: "info#err", message: "progress" },
  ],
  changeSummary: { create: 2, update: 1, delete: 1, replace: 1, same: 1 },
};

describe("preview-digest.ts (the preview digest in the review comment)", () => {
  it("counts the steps per resource type and names deletions and replacements", () => {
    assert.equal(
      previewDigest(PREVIEW, "prod"),
      [
        "#### `pulumi preview` prod",
        "",
        "| Resource type | Steps |",
        "|---|---|",
        "| kubernetes:core/v1:Namespace | create-replacement 1, delete-replaced 1, replace 1 |",
        "| kubernetes:core/v1:Secret | create 2 |",
        "| kubernetes:kafka.strimzi.io/v1:KafkaTopic | delete 1, update 1 |",
        "",
        "**Deleted or replaced** (data in them is lost unless it lives elsewhere):",
        "",
        "- delete kubernetes:kafka.strimzi.io/v1:KafkaTopic payments/payments.order-replays",
        "- replace kubernetes:core/v1:Namespace billing (because of metadata.name)",
        "- create-replacement kubernetes:core/v1:Namespace billing (because of metadata.name)",
        "",
        "Diagnostics: 1 warning (see the job log).",
      ].join("\n"),
    );
  });

  it("never shows a value of a resource, a config or a diagnostic", () => {
    const digest = previewDigest(PREVIEW, "prod");
    assert.ok(!digest.includes(SECRET));
    assert.ok(!digest.includes("partitions"), "no state or diff values");
  });

  it("says so when nothing changes or the preview produced no plan", () => {
    assert.equal(
      previewDigest({ steps: [PREVIEW.steps[0]] }, "dev"),
      "#### `pulumi preview` dev\n\nNo resource changes.",
    );
    assert.match(previewDigest(undefined, "dev"), /No preview result \(the preview failed before planning\)/);
    assert.match(previewDigest({ steps: "x" }, "dev"), /No preview result/);
  });

  it("takes the last type of a URN's parent chain and keeps names with ::", () => {
    assert.deepEqual(parseUrn("urn:pulumi:dev::p::a:b:C$d:e:F::x::y"), { type: "d:e:F", name: "x::y" });
  });

  it("keeps table cells intact whatever a name holds", () => {
    const digest = previewDigest({ steps: [{ op: "delete", urn: urn("t:m:T", "a|b<script>`x`") }] }, "dev");
    assert.match(digest, /- delete t:m:T a\\\|b script 'x'$/m);
  });

  it("runs as a script on a file, as the workflow calls it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-digest-"));
    const file = path.join(dir, "preview.json");
    writeFileSync(file, JSON.stringify(PREVIEW));
    const run = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", ".github/scripts/preview-digest.ts", file, "prod"],
      { cwd: ROOT, encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${previewDigest(PREVIEW, "prod")}\n`);
  });
});
