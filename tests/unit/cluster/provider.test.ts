import * as assert from "assert";
import { ProgramRun, runProgram } from "../../../harness/engine";
import { existingCluster, writeKubeconfig } from "./support";

/**
 * Every Kubernetes resource the whole program registers, whoever's component declares it, must
 * name the cluster's provider explicitly: a resource on the default provider would be applied to
 * whatever cluster the ambient kubeconfig points at.
 */
const PROVIDER_TYPE = "pulumi:providers:kubernetes";

function assertEverythingUsesTheClusterProvider(run: ProgramRun): number {
  const providers = run.resources.filter((r) => r.type === PROVIDER_TYPE);
  assert.strictEqual(
    providers.length,
    1,
    `exactly one Kubernetes provider, got: ${providers.map((p) => p.name)}`,
  );
  const [provider] = providers;
  assert.ok(!provider.name.startsWith("default"), `the provider is the cluster's, not ${provider.name}`);
  const clusterComponent = run.resources.find((r) => r.urn === provider.parent);
  assert.ok(
    clusterComponent?.type.startsWith("kafka-platform:cluster:"),
    "the provider belongs to the cluster component",
  );

  const kubernetesResources = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
  const offenders = kubernetesResources
    .filter((r) => !r.provider || r.provider.split("::").slice(0, -1).join("::") !== provider.urn)
    .map((r) => `${r.type} ${r.name} → ${r.provider ?? "the default provider"}`);
  assert.deepStrictEqual(offenders, [], "Kubernetes resources not on the cluster's provider");
  return kubernetesResources.length;
}

describe("every Kubernetes resource uses the cluster's provider", () => {
  it("prod (gke)", async () => {
    const count = assertEverythingUsesTheClusterProvider(await runProgram({ stack: "prod" }));
    assert.ok(count >= 1, "at least the Kafka StorageClass is checked");
  });

  it("dev (k3s)", async () => {
    assertEverythingUsesTheClusterProvider(await runProgram({ stack: "dev" }));
  });

  it("dev on an existing cluster", async () => {
    assertEverythingUsesTheClusterProvider(
      await runProgram({ stack: "dev", configOverrides: existingCluster(writeKubeconfig()) }),
    );
  });

  it("catches a resource on the default provider", () => {
    const provider = {
      type: PROVIDER_TYPE,
      name: "cluster-k8s",
      urn: "urn:pulumi:dev::kafka-platform::kafka-platform:cluster:K3sCluster$pulumi:providers:kubernetes::cluster-k8s",
      parent: "urn:c",
    };
    const run = {
      stack: "dev",
      outputs: {},
      resources: [
        { type: "kafka-platform:cluster:K3sCluster", name: "cluster", urn: "urn:c" },
        provider,
        {
          type: "kubernetes:core/v1:Namespace",
          name: "kafka",
          urn: "urn:ns",
          provider: `${provider.urn}::id-1`,
        },
        { type: "kubernetes:core/v1:ConfigMap", name: "stray", urn: "urn:cm" },
      ],
    } as unknown as ProgramRun;
    assert.throws(
      () => assertEverythingUsesTheClusterProvider(run),
      /kubernetes:core\/v1:ConfigMap stray → the default provider/,
    );
  });
});
