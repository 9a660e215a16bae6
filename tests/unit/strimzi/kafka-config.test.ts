import * as assert from "assert";
import { isUserError, UserError } from "../../../core/errors";
import { kafkaConfigProblems } from "../../../core/strimzi/kafka-validation";
import { STRIMZI_CRDS_SHA256 } from "../../../core/config/kafka";
import { operatorChartValues, strimziCrdsSource } from "../../../core/strimzi/kafka-operator-chart";
import { stackConfig } from "./support";

function problemPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return (e as UserError).problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  assert.fail("expected a UserError");
}

describe("strimzi: Kafka and operator configuration", () => {
  it("the committed stacks have no Kafka problems", () => {
    assert.deepStrictEqual(kafkaConfigProblems(stackConfig("dev"), { file: "Pulumi.dev.yaml" }), []);
    assert.deepStrictEqual(kafkaConfigProblems(stackConfig("prod"), { file: "Pulumi.prod.yaml" }), []);
  });

  it("prod refuses a single controller or broker, deleted volumes and min ISR 1", () => {
    const config = stackConfig("prod", {
      kafka: {
        controllers: { replicas: 1 },
        brokers: { replicas: 1 },
        deleteClaim: true,
        replication: { defaultReplicationFactor: 1, minInsyncReplicas: 1 },
      },
    });
    assert.deepStrictEqual(
      kafkaConfigProblems(config, { file: "Pulumi.prod.yaml" }).map((p) => p.path),
      [
        "kafka-platform:kafka.controllers.replicas",
        "kafka-platform:kafka.brokers.replicas",
        "kafka-platform:kafka.deleteClaim",
        "kafka-platform:kafka.replication.minInsyncReplicas",
      ],
    );
  });

  it("dev allows a single controller and broker", () => {
    assert.strictEqual(stackConfig("dev").kafka.controllers.replicas, 1);
    assert.deepStrictEqual(kafkaConfigProblems(stackConfig("dev"), { file: "Pulumi.dev.yaml" }), []);
  });

  it("the operator and Kafka cannot share a namespace", () => {
    const config = stackConfig("dev", { strimzi: { namespace: "kafka" } });
    assert.deepStrictEqual(
      kafkaConfigProblems(config, { file: "Pulumi.dev.yaml" }).map((p) => p.path),
      ["kafka-platform:strimzi.namespace"],
    );
  });

  it("rejects an even number of controllers with a located message", () => {
    const problems = problemPaths(() => stackConfig("prod", { kafka: { controllers: { replicas: 4 } } }));
    assert.deepStrictEqual(problems, [
      "kafka-platform:kafka.controllers.replicas: 4: a KRaft quorum needs an odd number of controllers (1, 3 or 5)",
    ]);
  });

  it("rejects an enabled external listener without allowed source ranges", () => {
    const problems = problemPaths(() =>
      stackConfig("prod", {
        kafka: { externalListener: { enabled: true, type: "loadbalancer", allowedCidrs: [] } },
      }),
    );
    assert.strictEqual(problems.length, 1);
    assert.match(
      problems[0],
      /^kafka-platform:kafka\.externalListener\.allowedCidrs: .*at least one allowed source range/,
    );
  });

  it("the chart watches only the Kafka namespace; CRDs come from the pinned release", () => {
    const { strimzi } = stackConfig("prod");
    const values = operatorChartValues(strimzi, "kafka");
    assert.deepStrictEqual(values.watchNamespaces, ["kafka"]);
    assert.strictEqual(values.watchAnyNamespace, false);
    assert.deepStrictEqual(values.dashboards, {
      enabled: true,
      label: "grafana_dashboard",
      labelValue: "true",
    });
    assert.strictEqual(values.generateNetworkPolicy, true);
    assert.strictEqual(values.replicas, 2);
    assert.deepStrictEqual(strimziCrdsSource(strimzi), {
      url: "https://github.com/strimzi/strimzi-kafka-operator/releases/download/1.2.0/strimzi-crds-1.2.0.yaml",
      sha256: STRIMZI_CRDS_SHA256["1.2.0"],
    });
    const pinned = { url: "https://mirror.example/strimzi-crds-1.3.0.yaml", sha256: "a".repeat(64) };
    assert.deepStrictEqual(strimziCrdsSource({ ...strimzi, version: "1.3.0", crds: pinned }), pinned);
    assert.deepStrictEqual(strimziCrdsSource({ ...strimzi, crdsUrl: "crds/strimzi.yaml" }), {
      path: "crds/strimzi.yaml",
    });
    assert.deepStrictEqual(strimziCrdsSource({ ...strimzi, crds: { path: "crds/" } }), { path: "crds/" });
    assert.strictEqual(operatorChartValues(stackConfig("dev").strimzi, "kafka").replicas, 1);
  });
});
