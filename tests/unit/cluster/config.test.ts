import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { loadPlatformConfig } from "../../../core/config";
import { isUserError, UserError } from "../../../core/errors";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { PROJECT_ROOT, readStackConfig, runProgram } from "../../../harness/engine";
import { existingCluster, recordingRegistrations, writeKubeconfig } from "./support";

/** The committed stack file with `kafka-platform:cluster` replaced, as text (so problems have lines). */
function stackWithCluster(stack: "dev" | "prod", cluster: unknown): string {
  const doc = require("yaml").parse(readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8"));
  doc.config["kafka-platform:cluster"] = cluster;
  return stringify(doc);
}

function problems(
  stack: "dev" | "prod",
  cluster: unknown,
): { path: string; message: string; line?: number }[] {
  const text = stackWithCluster(stack, cluster);
  const file = `Pulumi.${stack}.yaml`;
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(require("yaml").parse(text).config as Record<string, unknown>))
    raw[k] = typeof v === "string" ? v : JSON.stringify(v);
  try {
    loadPlatformConfig(raw, { file, yaml: parseYamlSource(file, text) });
  } catch (e) {
    if (isUserError(e)) return (e as UserError).problems;
    throw e;
  }
  return assert.fail("expected a UserError");
}

const PROD_GKE = (readStackConfig(PROJECT_ROOT, "prod").config["kafka-platform:cluster"] &&
  JSON.parse(readStackConfig(PROJECT_ROOT, "prod").config["kafka-platform:cluster"])) as {
  mode: string;
  gke: Record<string, unknown>;
};

describe("cluster config validation", () => {
  it("gke without a region: names the key, located at the gke block", () => {
    const { region: _region, ...gke } = PROD_GKE.gke;
    const found = problems("prod", { mode: "gke", gke });
    const regionProblem = found.find((p) => p.path === "kafka-platform:cluster.gke.region");
    assert.ok(regionProblem, JSON.stringify(found));
    assert.match(regionProblem.message, /is required/);
    assert.ok(regionProblem.line, "located in the stack file");
  });

  it("gke: zones outside the region and a master range that is not a /28", () => {
    const gke = {
      ...PROD_GKE.gke,
      zones: ["europe-west6-a", "europe-west6-b", "us-central1-a"],
      network: { ...(PROD_GKE.gke.network as object), masterCidr: "172.16.0.0/24" },
    };
    const found = problems("prod", { mode: "gke", gke }).map((p) => `${p.path}: ${p.message}`);
    assert.ok(
      found.includes(
        'kafka-platform:cluster.gke.zones[2]: "us-central1-a": is not a zone of region europe-west6',
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => p.startsWith("kafka-platform:cluster.gke.network.masterCidr: ")),
      found.join("\n"),
    );
  });

  it("existing without a kubeconfig: names the key", () => {
    const found = problems("dev", { mode: "existing", existing: { context: "kind-kafka" } });
    assert.deepStrictEqual(
      found.map((p) => p.path),
      ["kafka-platform:cluster.existing.kubeconfig"],
    );
    assert.match(found[0].message, /is required/);
  });

  it("k3s: an unpinned version and a zone outside the region", () => {
    const found = problems("dev", {
      mode: "k3s",
      k3s: {
        project: "p",
        region: "europe-west6",
        zone: "europe-west3-a",
        version: "latest",
        apiAllowedCidrs: ["0.0.0.0/0"],
      },
    }).map((p) => p.path);
    assert.deepStrictEqual(found.sort(), [
      "kafka-platform:cluster.k3s.version",
      "kafka-platform:cluster.k3s.zone",
    ]);
  });

  it("an unknown mode lists the modes", () => {
    const [problem] = problems("dev", { mode: "eks" });
    assert.strictEqual(problem.path, "kafka-platform:cluster.mode");
    assert.match(problem.message, /"gke", "k3s", "existing"/);
  });

  describe("before any resource is registered", () => {
    /** The UserError the program stops with; fails if any resource besides the stack was registered. */
    async function rejection(overrides: Record<string, unknown>): Promise<UserError> {
      const { types, result } = await recordingRegistrations(() =>
        runProgram({ stack: "dev", configOverrides: overrides }),
      );
      try {
        await result;
      } catch (e) {
        if (!isUserError(e)) throw e;
        assert.deepStrictEqual(
          types.filter((t) => t !== "pulumi:pulumi:Stack"),
          [],
          "nothing registered besides the stack itself",
        );
        return e as UserError;
      }
      return assert.fail("expected the program to reject the configuration");
    }

    it("(the recorder sees the registrations of a valid run)", async () => {
      const { types, result } = await recordingRegistrations(() =>
        runProgram({ stack: "dev", configOverrides: existingCluster(writeKubeconfig()) }),
      );
      await result;
      assert.ok(types.includes("pulumi:providers:kubernetes"), types.join(", "));
    });

    it("gke without a region stops the program with the key named", async () => {
      const { region: _region, ...gke } = PROD_GKE.gke;
      const e = await rejection({ cluster: { mode: "gke", gke } });
      assert.ok(
        e.problems.some((p) => p.path === "kafka-platform:cluster.gke.region"),
        e.message,
      );
    });

    it("existing without a kubeconfig stops the program with the key named", async () => {
      const e = await rejection({ cluster: { mode: "existing", existing: { context: "kind-kafka" } } });
      assert.deepStrictEqual(
        e.problems.map((p) => p.path),
        ["kafka-platform:cluster.existing.kubeconfig"],
      );
    });

    it("existing: a missing kubeconfig file is a located error, not a stack trace", async () => {
      const e = await rejection(existingCluster("~/no/such/kubeconfig"));
      assert.strictEqual(e.problems.length, 1);
      assert.strictEqual(e.problems[0].path, "kafka-platform:cluster.existing.kubeconfig");
      assert.match(e.problems[0].message, /no kubeconfig file at \/.*\/no\/such\/kubeconfig/);
      assert.ok(!e.problems[0].message.includes("~"), "the path is shown expanded");
    });

    it("existing: an unknown context names the contexts there are", async () => {
      const e = await rejection(existingCluster(writeKubeconfig(), { context: "minikube" }));
      assert.strictEqual(e.problems[0].path, "kafka-platform:cluster.existing.context");
      assert.match(e.problems[0].message, /no context "minikube"; contexts: kind-kafka, other/);
    });
  });
});
