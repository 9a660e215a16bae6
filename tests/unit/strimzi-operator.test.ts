import * as assert from "assert";
import { ProgramRun, RecordedResource, runProgram } from "../../harness/engine";
import { kubernetesObjects, objectsOfKind } from "../../harness/kubernetes-objects";

/* eslint-disable @typescript-eslint/no-explicit-any */
const one = (run: ProgramRun, type: string, name: string): RecordedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `no ${type} ${name}`);
  return r;
};
const CHART = "kubernetes:helm.sh/v4:Chart";
const CRDS = "kubernetes:yaml/v2:ConfigFile";

describe("strimzi operator (program run)", () => {
  const runs: Partial<Record<"dev" | "prod", ProgramRun>> = {};
  before(async () => {
    runs.dev = await runProgram({ stack: "dev" });
    runs.prod = await runProgram({ stack: "prod" });
  });

  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      // helm.v4.Chart registers no children under mocks: the arguments it is given are what is checked.
      it("installs the OCI chart at the configured version in its own namespace, CRDs skipped", () => {
        const chart = one(runs[stack]!, CHART, "strimzi");
        assert.strictEqual(chart.inputs.chart, "oci://quay.io/strimzi-helm/strimzi-kafka-operator");
        assert.strictEqual(chart.inputs.version, "1.2.0");
        assert.strictEqual(chart.inputs.namespace, "strimzi");
        assert.strictEqual(chart.inputs.skipCrds, true);
      });

      it("watches only the Kafka namespace and generates the brokers' network policy", () => {
        const values = one(runs[stack]!, CHART, "strimzi").inputs.values as any;
        assert.deepStrictEqual(values.watchNamespaces, ["kafka"]);
        assert.strictEqual(values.watchAnyNamespace, false);
        assert.strictEqual(values.generateNetworkPolicy, true);
      });

      it("applies the CRD manifest of the same release, before the chart", () => {
        const run = runs[stack]!;
        const crds = one(run, CRDS, "strimzi-crds");
        assert.strictEqual(
          crds.inputs.file,
          "https://github.com/strimzi/strimzi-kafka-operator/releases/download/1.2.0/strimzi-crds-1.2.0.yaml",
        );
        assert.ok(
          one(run, CHART, "strimzi").dependsOn.includes(crds.urn),
          "the chart must wait for the CRDs",
        );
      });

      it("creates both namespaces with the cluster's provider, the watched one before the chart", () => {
        const run = runs[stack]!;
        const names = objectsOfKind(kubernetesObjects(run), "Namespace").map((n) => n.metadata.name);
        assert.ok(names.includes("strimzi") && names.includes("kafka"), names.join());
        const watched = one(run, "kubernetes:core/v1:Namespace", "strimzi-watched-namespace");
        assert.ok(one(run, CHART, "strimzi").dependsOn.includes(watched.urn));
        for (const r of [watched, one(run, CHART, "strimzi"), one(run, CRDS, "strimzi-crds")]) {
          assert.match(
            r.provider ?? "",
            /pulumi:providers:kubernetes::/,
            `${r.name} uses the ambient kubeconfig`,
          );
        }
      });
    });
  }

  it("prod runs two operator replicas with a disruption budget, dev one", () => {
    const values = (stack: "dev" | "prod") => one(runs[stack]!, CHART, "strimzi").inputs.values as any;
    assert.strictEqual(values("prod").replicas, 2);
    // minAvailable null removes the chart's default: a PDB with both fields is rejected.
    assert.deepStrictEqual(values("prod").podDisruptionBudget, {
      enabled: true,
      minAvailable: null,
      maxUnavailable: 1,
    });
    assert.strictEqual(values("dev").replicas, 1);
    assert.ok(!("podDisruptionBudget" in values("dev")));
  });

  it("an upgrade changes the chart version and the CRD manifest together", async () => {
    const crds = { url: "https://mirror.example/strimzi-crds-1.3.0.yaml", sha256: "a".repeat(64) };
    const run = await runProgram({ stack: "dev", configOverrides: { strimzi: { version: "1.3.0", crds } } });
    assert.strictEqual(one(run, CHART, "strimzi").inputs.version, "1.3.0");
    assert.strictEqual(one(run, CRDS, "strimzi-crds").inputs.file, crds.url);
  });
});
