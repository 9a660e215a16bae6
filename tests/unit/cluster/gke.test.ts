import * as assert from "assert";
import { ClusterConfig, GkeClusterConfig } from "../../../core/config/cluster";
import { clusterDefaults } from "../../../core/config/cluster";
import { deepMerge } from "../../../core/config/load";
import {
  gkeClusterSettings,
  gkeContextName,
  gkeNodePoolSettings,
  KAFKA_POOL_LABEL,
  serviceAccountId,
} from "../../../core/cluster/gke";
import { resolveUserPath } from "../../../core/cluster/existing";

function gke(overrides: Partial<GkeClusterConfig> = {}): GkeClusterConfig {
  const raw = deepMerge(clusterDefaults("prod", "gke"), {
    mode: "gke",
    gke: {
      project: "acme-kafka",
      region: "europe-west6",
      zones: ["europe-west6-a", "europe-west6-b", "europe-west6-c"],
      masterAuthorizedNetworks: [{ cidr: "203.0.113.0/24", name: "vpn" }],
      ...overrides,
    },
  });
  const parsed = ClusterConfig.parse(raw);
  assert.strictEqual(parsed.mode, "gke");
  return (parsed as { gke: GkeClusterConfig }).gke;
}

describe("GKE settings", () => {
  it("prod defaults: STABLE channel, deletion protection on", () => {
    const settings = gkeClusterSettings(gke());
    assert.deepStrictEqual(settings.releaseChannel, { channel: "STABLE" });
    assert.strictEqual(settings.deletionProtection, true);
    assert.strictEqual(settings.name, "kafka-prod");
    const dev = ClusterConfig.parse(
      deepMerge(clusterDefaults("dev", "gke"), {
        mode: "gke",
        gke: { ...gke(), deletionProtection: undefined },
      }),
    );
    assert.strictEqual((dev as { gke: GkeClusterConfig }).gke.deletionProtection, false);
  });

  it("only the Kafka pool is tainted; both pools carry the pool label", () => {
    const kafka = gkeNodePoolSettings(gke(), "kafka");
    const system = gkeNodePoolSettings(gke(), "system");
    assert.deepStrictEqual(kafka.nodeConfig.taints, [
      { key: "dedicated", value: "kafka", effect: "NO_SCHEDULE" },
    ]);
    assert.deepStrictEqual(system.nodeConfig.taints, []);
    assert.deepStrictEqual(
      [kafka.nodeConfig.labels[KAFKA_POOL_LABEL], system.nodeConfig.labels[KAFKA_POOL_LABEL]],
      ["kafka", "system"],
    );
    assert.deepStrictEqual(kafka.upgradeSettings, { maxSurge: 1, maxUnavailable: 0, strategy: "SURGE" });
  });

  it("names the context as gcloud does", () => {
    assert.strictEqual(gkeContextName({ project: "p", region: "r", name: "c" }), "gke_p_r_c");
  });

  it("service account IDs stay within GCP's 6–30 characters, without a trailing or double dash", () => {
    for (const name of [
      "a",
      "kafka-prod",
      "a-very-long-cluster-name-for-kafka-xyz",
      "abcdefghijklmnopqrstuvwx-",
    ]) {
      for (const role of ["nodes", "server", "agent"]) {
        const id = serviceAccountId(name, role);
        assert.match(id, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, `${name}/${role} → ${id}`);
        assert.ok(!id.includes("--") && id.endsWith(role), id);
      }
    }
  });
});

describe("existing cluster paths", () => {
  it("expands ~ and resolves relative paths against the project", () => {
    const ctx = { home: "/home/me", projectRoot: "/repo" };
    assert.strictEqual(resolveUserPath("~/.kube/config", ctx), "/home/me/.kube/config");
    assert.strictEqual(resolveUserPath("~", ctx), "/home/me");
    assert.strictEqual(resolveUserPath("kind.kubeconfig", ctx), "/repo/kind.kubeconfig");
    assert.strictEqual(resolveUserPath("/etc/k3s.yaml", ctx), "/etc/k3s.yaml");
  });
});
