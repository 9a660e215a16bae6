import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { loadPlatformConfig } from "../../../core/config";
import { configProblemsOf } from "../support/config-problems";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { PROJECT_ROOT, readStackConfig } from "../../../harness/engine";

/** Loads a stack file given as text, as the program does. */
function loadFromText(text: string, file = "Pulumi.test.yaml") {
  const dir = require("fs").mkdtempSync(path.join(require("os").tmpdir(), "kp-config-"));
  require("fs").writeFileSync(path.join(dir, file), text);
  const { config } = readStackConfig(dir, file.replace(/^Pulumi\.|\.yaml$/g, ""));
  return loadPlatformConfig(config, { file, yaml: parseYamlSource(file, text) });
}

const problemsOf = configProblemsOf;

const DEV = readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8");

describe("stack configuration", () => {
  for (const stack of ["dev", "prod"]) {
    it(`accepts the committed Pulumi.${stack}.yaml`, () => {
      const config = loadFromText(readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8"));
      assert.strictEqual(config.environment, stack);
    });
  }

  it("fills per-environment defaults beneath the stack's values", () => {
    const dev = loadFromText(
      "config:\n  kafka-platform:environment: dev\n  kafka-platform:cluster: {mode: existing, existing: {kubeconfig: ~/.kube/config}}\n",
    );
    const prod = loadFromText(
      "config:\n  kafka-platform:environment: prod\n  kafka-platform:cluster: {mode: existing, existing: {kubeconfig: ~/.kube/config}}\n",
    );
    assert.strictEqual(dev.kafka.replication.minInsyncReplicas, 1);
    assert.strictEqual(prod.kafka.replication.minInsyncReplicas, 2);
    assert.strictEqual(prod.kafka.deleteClaim, false);
    assert.strictEqual(prod.teams.protectTopics, true);
    assert.strictEqual(dev.teams.protectTopics, false);
  });

  it("reports an unknown key by name, line and with a suggestion", () => {
    const problems = problemsOf(() =>
      loadFromText(DEV.replace("kafka-platform:monitoring:", "kafka-platform:monitorng:")),
    );
    const line = DEV.split("\n").findIndex((l) => l.includes("kafka-platform:monitoring:")) + 1;
    assert.deepStrictEqual(
      problems.filter((p) => p.includes("monitorng")).map((p) => p.split(";")[0]),
      [`${line}: kafka-platform:monitorng: unknown config key (did you mean "monitoring"?)`],
    );
  });

  it("reports a malformed value by key path and line", () => {
    const text = DEV.replace(
      "      replicas: 1\n      storageSize: 20Gi",
      "      replicas: three\n      storageSize: 20Gi",
    );
    const line = text.split("\n").findIndex((l) => l.includes("replicas: three")) + 1;
    assert.deepStrictEqual(
      problemsOf(() => loadFromText(text)),
      [`${line}: kafka-platform:kafka.brokers.replicas: expected number, got "three"`],
    );
  });

  it("reports an unknown nested field with the allowed ones", () => {
    const text = DEV.replace("    brokers:\n", "    brokers:\n      replica: 2\n");
    const [problem] = problemsOf(() => loadFromText(text));
    assert.match(
      problem,
      /kafka-platform:kafka\.brokers\.replica: unknown key "replica" \(did you mean "replicas"\?\); allowed: replicas, storageSize, resources/,
    );
  });

  it("rejects an unknown cluster mode naming the allowed ones", () => {
    const [problem] = problemsOf(() => loadFromText(DEV.replace("mode: k3s", "mode: eks")));
    assert.match(
      problem,
      /kafka-platform:cluster\.mode: "eks" is not allowed; expected one of "gke", "k3s", "existing"/,
    );
  });

  it("requires the environment", () => {
    const problems = problemsOf(() => loadFromText(DEV.replace("  kafka-platform:environment: dev\n", "")));
    assert.strictEqual(problems.length, 1);
    assert.match(
      problems[0],
      /^\d+: kafka-platform:environment: is required; expected one of "dev", "prod"$/,
    );
  });

  it("rejects min.insync.replicas above the replication factor", () => {
    const text = DEV.replace(
      "minInsyncReplicas: 1\n  kafka-platform:teams",
      "minInsyncReplicas: 2\n  kafka-platform:teams",
    );
    const problems = problemsOf(() => loadFromText(text));
    assert.ok(
      problems.some((p) => /minInsyncReplicas: 2 exceeds defaultReplicationFactor 1/.test(p)),
      problems.join("\n"),
    );
  });

  it("rejects a default retention that is not a duration, located", () => {
    const text = DEV.replace("      retention: 1d\n", "      retention: forever\n");
    const line = text.split("\n").findIndex((l) => l.includes("retention: forever")) + 1;
    assert.deepStrictEqual(
      problemsOf(() => loadFromText(text)),
      [
        `${line}: kafka-platform:teams.topicDefaults.retention: "forever" is not a duration such as 7d (units s, m, h, d, w)`,
      ],
    );
  });

  it("states format rules as what was expected", () => {
    const text = DEV.replace("version: 1.2.0", "version: abc").replace(
      "namespace: strimzi",
      "namespace: Strimzi",
    );
    assert.deepStrictEqual(
      problemsOf(() => loadFromText(text)).map((p) => p.replace(/^\d+: /, "")),
      [
        'kafka-platform:strimzi.version: "abc" is not a version such as 4.1.0',
        'kafka-platform:strimzi.namespace: "Strimzi" is not a Kubernetes namespace name (DNS-1123 label)',
      ],
    );
  });

  it("ignores other providers' keys", () => {
    const config = loadFromText(
      DEV.replace("  gcp:region: europe-west6\n", "  gcp:region: europe-west6\n  kubernetes:context: x\n"),
    );
    assert.strictEqual(config.environment, "dev");
  });
});
