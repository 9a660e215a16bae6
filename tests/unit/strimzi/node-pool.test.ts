import * as assert from "assert";
import { KafkaPlacement, nodePoolResource } from "../../../core/strimzi/node-pool";
import { assertValidStrimzi } from "./crd-assert";
import { stackConfig } from "./support";

const DEDICATED: KafkaPlacement = {
  storageClass: "premium-rwo",
  nodeSelector: { "kafka-platform.io/node-pool": "kafka" },
  tolerations: [{ key: "dedicated", operator: "Equal", value: "kafka", effect: "NoSchedule" }],
};
const PLAIN: KafkaPlacement = { nodeSelector: {}, tolerations: [] };

/* eslint-disable @typescript-eslint/no-explicit-any */
const spec = (o: { spec: Record<string, unknown> }) => o.spec as any;

describe("strimzi: KafkaNodePools", () => {
  const prod = stackConfig("prod").kafka;
  const dev = stackConfig("dev").kafka;

  it("prod: 3 dedicated controllers and 3 dedicated brokers, volumes kept on delete", () => {
    const controller = nodePoolResource(prod, "controller", DEDICATED);
    const broker = nodePoolResource(prod, "broker", DEDICATED);
    assert.deepStrictEqual(spec(controller).roles, ["controller"]);
    assert.deepStrictEqual(spec(broker).roles, ["broker"]);
    assert.strictEqual(spec(controller).replicas, 3);
    assert.ok(spec(broker).replicas >= 3);
    for (const pool of [controller, broker]) {
      const [volume] = spec(pool).storage.volumes;
      assert.strictEqual(spec(pool).storage.type, "jbod");
      assert.strictEqual(volume.type, "persistent-claim");
      assert.strictEqual(volume.deleteClaim, false);
      assert.strictEqual(volume.class, "premium-rwo");
      assert.strictEqual(volume.kraftMetadata, "shared");
    }
    assert.strictEqual(spec(broker).storage.volumes[0].size, "500Gi");
  });

  it("dev: a single controller and broker whose volumes go with the cluster", () => {
    const controller = nodePoolResource(dev, "controller", PLAIN);
    assert.strictEqual(spec(controller).replicas, 1);
    assert.strictEqual(spec(controller).storage.volumes[0].deleteClaim, true);
    assert.ok(!("class" in spec(controller).storage.volumes[0]), "no storage class: the cluster's default");
  });

  it("labels every pool with strimzi.io/cluster and puts it in the Kafka namespace", () => {
    for (const kafka of [dev, prod]) {
      for (const role of ["controller", "broker"] as const) {
        const pool = nodePoolResource(kafka, role, PLAIN);
        assert.strictEqual(pool.metadata.labels?.["strimzi.io/cluster"], kafka.name);
        assert.strictEqual(pool.metadata.namespace, kafka.namespace);
        assert.strictEqual(pool.metadata.name, role);
      }
    }
  });

  it("prod: spreads each pool over zones (hard) and nodes (soft), selecting the pool's own pods", () => {
    const pod = spec(nodePoolResource(prod, "broker", DEDICATED)).template.pod;
    const zone = pod.topologySpreadConstraints.find(
      (c: any) => c.topologyKey === "topology.kubernetes.io/zone",
    );
    const host = pod.topologySpreadConstraints.find((c: any) => c.topologyKey === "kubernetes.io/hostname");
    assert.strictEqual(zone.whenUnsatisfiable, "DoNotSchedule");
    assert.strictEqual(zone.maxSkew, 1);
    assert.strictEqual(host.whenUnsatisfiable, "ScheduleAnyway");
    assert.deepStrictEqual(zone.labelSelector.matchLabels, {
      "strimzi.io/cluster": "kafka",
      "strimzi.io/pool-name": "broker",
    });
  });

  it("dev: no zone spread without rack awareness", () => {
    const pod = spec(nodePoolResource(dev, "broker", PLAIN)).template.pod;
    assert.deepStrictEqual(
      pod.topologySpreadConstraints.map((c: any) => c.topologyKey),
      ["kubernetes.io/hostname"],
    );
  });

  it("runs on the dedicated Kafka nodes: required node affinity and the taint's toleration", () => {
    const pod = spec(nodePoolResource(prod, "controller", DEDICATED)).template.pod;
    const terms = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    assert.deepStrictEqual(terms, [
      { matchExpressions: [{ key: "kafka-platform.io/node-pool", operator: "In", values: ["kafka"] }] },
    ]);
    assert.deepStrictEqual(pod.tolerations, DEDICATED.tolerations);
    const plain = spec(nodePoolResource(prod, "controller", PLAIN)).template.pod;
    assert.ok(!("affinity" in plain) && !("tolerations" in plain));
  });

  it("sizes pools from config", () => {
    assert.deepStrictEqual(spec(nodePoolResource(prod, "broker", PLAIN)).resources, prod.brokers.resources);
    assert.deepStrictEqual(
      spec(nodePoolResource(dev, "controller", PLAIN)).resources,
      dev.controllers.resources,
    );
  });

  it("validates against the Strimzi 1.2.0 KafkaNodePool CRD", function () {
    assertValidStrimzi(
      this,
      [dev, prod].flatMap((k) =>
        [DEDICATED, PLAIN].flatMap((p) => [
          nodePoolResource(k, "controller", p),
          nodePoolResource(k, "broker", p),
        ]),
      ),
    );
  });
});
