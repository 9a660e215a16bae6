import * as assert from "assert";
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { main } from "../../../cli/main";
import { PROJECT_ROOT } from "../../../harness/engine";
import { renderFileName } from "../../../harness/render";
import { RENDER_MANIFEST } from "../../../cli/commands/render";

/** Runs the CLI in-process and captures its output. */
export async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("kafka-platform CLI", () => {
  it("exits 2 with a one-line reason on usage errors", async () => {
    for (const argv of [
      [],
      ["frobnicate"],
      ["render", "--stack", "dev"],
      ["render", "--bogus", "x"],
      ["check", "--teams="],
    ]) {
      const r = await cli(...argv);
      assert.strictEqual(r.code, 2, `${argv.join(" ")}: ${r.err}`);
    }
    assert.strictEqual(
      (await cli("check", "--teams=")).err,
      "kafka-platform check: option --teams needs a value (usage: kafka-platform check [--teams DIR])",
    );
    const r = await cli("render", "--stack", "dev");
    assert.strictEqual(
      r.err,
      "kafka-platform render: missing required option --out (usage: kafka-platform render --stack S --out DIR [--teams DIR])",
    );
  });

  it("lists the subcommands in --help", async () => {
    const r = await cli("--help");
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /render --stack S --out DIR \[--teams DIR\]/);
  });

  for (const stack of ["dev", "prod"]) {
    it(`render --stack ${stack} writes one YAML file per object and resources.json`, async function () {
      this.timeout(120_000);
      const out = mkdtempSync(path.join(tmpdir(), `kp-render-${stack}-`));
      const r = await cli("render", "--stack", stack, "--out", out);
      assert.strictEqual(r.code, 0, r.err);
      const resources = JSON.parse(readFileSync(path.join(out, "resources.json"), "utf8"));
      assert.ok(Array.isArray(resources) && resources.length > 0);
      for (const field of ["type", "name", "urn", "parent", "provider", "protect", "dependsOn", "inputs"]) {
        assert.ok(field in resources[0], `resources.json entries have ${field}`);
      }
      assert.strictEqual(resources[0].type, "pulumi:pulumi:Stack");
      const yamlFiles = readdirSync(out).filter((f) => f.endsWith(".yaml"));
      for (const file of yamlFiles) {
        const object = parse(readFileSync(path.join(out, file), "utf8"));
        assert.strictEqual(renderFileName(object), file, "file named after its object");
      }
      const kubernetesResources = resources.filter(
        (x: { type: string }) =>
          /^kubernetes:[^:]+\/[^:]+:[A-Za-z]+$/.test(x.type) && !/helm\.sh|yaml\/|kustomize/.test(x.type),
      );
      assert.strictEqual(yamlFiles.length, kubernetesResources.length, "every Kubernetes object is rendered");
    });
  }

  it("reports a malformed stack file by key and line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-bad-stack-"));
    copyFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const text = readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8").replace(
      "mode: k3s",
      "mode: eks",
    );
    writeFileSync(path.join(dir, "Pulumi.broken.yaml"), text);
    const { runProgram } = await import("../../../harness/engine");
    await assert.rejects(
      runProgram({ stack: "broken", projectRoot: dir }),
      /Pulumi\.broken\.yaml:\d+:\d+: kafka-platform:cluster\.mode: "eks" is not allowed/,
    );
  });

  it("reports a YAML syntax error in the stack file with its position, exit 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-bad-yaml-"));
    copyFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(
      path.join(dir, "Pulumi.broken.yaml"),
      "config:\n  kafka-platform:environment: dev\n  kafka-platform:kafka: {name: [\n",
    );
    const { runProgram } = await import("../../../harness/engine");
    await assert.rejects(runProgram({ stack: "broken", projectRoot: dir }), (e: Error) => {
      assert.strictEqual(e.name, "UserError");
      assert.match(e.message, /Pulumi\.broken\.yaml:\d+:\d+: YAML syntax error: /);
      return true;
    });
  });

  it("reports an unusable --out directory in one line, without a stack trace", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "kp-out-file-")), "not-a-dir");
    writeFileSync(file, "");
    const r = await cli("render", "--stack", "dev", "--out", file);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.err,
      `kafka-platform render: --out ${JSON.stringify(file)} is not a directory (usage: kafka-platform render --stack S --out DIR [--teams DIR])`,
    );
  });

  it("names the renderYamlToDirectory file like the Kubernetes provider", () => {
    assert.strictEqual(
      renderFileName({
        apiVersion: "kafka.strimzi.io/v1",
        kind: "KafkaTopic",
        metadata: { name: "orders", namespace: "kafka" },
      }),
      "kafka.strimzi.io_v1-kafkatopic-kafka-orders.yaml",
    );
    assert.strictEqual(
      renderFileName({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kafka" } }),
      "v1-namespace-default-kafka.yaml",
    );
  });

  // As a process: an error the program throws must not also surface as an unhandled rejection.
  for (const command of ["render", "policy"]) {
    it(`${command} with an invalid team file: located problems, exit 1, no stack trace (as a process)`, function () {
      this.timeout(120_000);
      const teams = mkdtempSync(path.join(tmpdir(), `kp-${command}-bad-`));
      const source = readFileSync(path.join(PROJECT_ROOT, "teams", "billing.yaml"), "utf8");
      writeFileSync(path.join(teams, "billing.yaml"), source.replace(/^(\s+)partitions:/m, "$1partitons:"));
      const out = path.join(teams, "out");
      const args = command === "render" ? ["--out", out] : [];
      const r = spawnSync(
        process.execPath,
        [
          path.join(PROJECT_ROOT, "bin", "kafka-platform.js"),
          command,
          "--stack",
          "dev",
          "--teams",
          teams,
          ...args,
        ],
        { encoding: "utf8" },
      );
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stderr, /billing\.yaml:\d+:\d+: topics\[\d+\]\.partitons: unknown key "partitons"/);
      assert.ok(!r.stderr.includes("\n    at "), r.stderr);
      assert.ok(!existsSync(out));
    });
  }

  it("does not leave output behind for an invalid stack", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "kp-render-none-")), "out");
    const r = await cli("render", "--stack", "nonexistent", "--out", out);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.err,
      'kafka-platform render: unknown stack "nonexistent" (stacks: dev, prod) (usage: kafka-platform render --stack S --out DIR [--teams DIR])',
    );
    assert.ok(!existsSync(out));
  });

  describe("render --out writes only what this run renders", function () {
    this.timeout(120_000);

    it("replaces its own earlier render (stale files removed) and lists the files in its manifest", async () => {
      const out = mkdtempSync(path.join(tmpdir(), "kp-render-again-"));
      assert.strictEqual((await cli("render", "--stack", "dev", "--out", out)).code, 0);
      const manifest = JSON.parse(readFileSync(path.join(out, RENDER_MANIFEST), "utf8")) as string[];
      assert.deepEqual(readdirSync(out).sort(), [...manifest, RENDER_MANIFEST].sort());
      // A file an earlier run wrote for an object that no longer exists (e.g. a removed topic).
      const stale = "kafka.strimzi.io_v1-kafkatopic-kafka-payments.removed.yaml";
      writeFileSync(path.join(out, stale), "stale");
      writeFileSync(path.join(out, RENDER_MANIFEST), JSON.stringify([...manifest, stale]));
      const r = await cli("render", "--stack", "dev", "--out", out);
      assert.strictEqual(r.code, 0, r.err);
      assert.ok(!existsSync(path.join(out, stale)), "the stale file of the earlier run is gone");
      assert.deepEqual(readdirSync(out).sort(), [...manifest, RENDER_MANIFEST].sort());
    });

    it("refuses a non-empty directory it did not write, and deletes nothing there", async () => {
      const out = mkdtempSync(path.join(tmpdir(), "kp-render-foreign-"));
      writeFileSync(path.join(out, "notes.txt"), "mine");
      const r = await cli("render", "--stack", "dev", "--out", out);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(
        r.err,
        `kafka-platform render: --out ${JSON.stringify(out)} is not empty and holds files render did not write ("notes.txt"); choose an empty or new directory (usage: kafka-platform render --stack S --out DIR [--teams DIR])`,
      );
      assert.deepEqual(readdirSync(out), ["notes.txt"]);
    });

    it("refuses a directory with a file its manifest does not list", async () => {
      const out = mkdtempSync(path.join(tmpdir(), "kp-render-mixed-"));
      assert.strictEqual((await cli("render", "--stack", "dev", "--out", out)).code, 0);
      writeFileSync(path.join(out, "added-by-hand.yaml"), "x");
      const r = await cli("render", "--stack", "dev", "--out", out);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /holds files render did not write \("added-by-hand\.yaml"\)/);
      assert.ok(existsSync(path.join(out, "resources.json")), "nothing deleted");
    });
  });
});

describe("program validation", () => {
  it("reports stack and team file problems together", async () => {
    const { runProgram } = await import("../../../harness/engine");
    const teamsDir = path.join(PROJECT_ROOT, "tests/unit/teams/fixtures/empty-file");
    const error = await runProgram({
      stack: "prod",
      teamsDir,
      configOverrides: { kafka: { deleteClaim: true } },
    }).then(
      () => assert.fail("expected a UserError"),
      (e: Error) => e,
    );
    assert.match(error.message, /^Invalid stack configuration or team files:/);
    assert.match(
      error.message,
      /Pulumi\.prod\.yaml:\d+:\d+: kafka-platform:kafka\.deleteClaim: must be false in prod/,
    );
    assert.match(error.message, /empty-file\/\S+\.yaml:1:1: the file is empty/);
  });
});

describe("program validation: the teams directory", () => {
  it("reports a missing teams.dir at its line in the stack file", async () => {
    const { runProgram } = await import("../../../harness/engine");
    const root = mkdtempSync(path.join(tmpdir(), "kp-teams-dir-"));
    const text = readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8").replace(
      "    dir: teams\n",
      "    dir: nope\n",
    );
    writeFileSync(path.join(root, "Pulumi.dev.yaml"), text);
    const line = text.split("\n").findIndex((l) => l === "    dir: nope") + 1;
    await assert.rejects(runProgram({ stack: "dev", projectRoot: root }), (e: Error) => {
      assert.match(
        e.message,
        new RegExp(
          `^Pulumi\\.dev\\.yaml:${line}:10: kafka-platform:teams\\.dir: no such directory of team files: nope$`,
          "m",
        ),
      );
      return true;
    });
  });
});
