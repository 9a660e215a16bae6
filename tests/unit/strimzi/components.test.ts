import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { KafkaCluster } from "../../../components/kafka-cluster";
import { StrimziOperator } from "../../../components/strimzi-operator";
import { fakeCluster, runComponents, stackConfig } from "./support";

const isSecret = (o: pulumi.Output<unknown>) => (o as unknown as { isSecret: Promise<boolean> }).isSecret;

/* eslint-disable @typescript-eslint/no-explicit-any */
describe("strimzi: components with a stand-in cluster", () => {
  it("KafkaCluster exposes the contract KafkaTeam relies on; credentials are secret outputs", async () => {
    const config = stackConfig("prod");
    let kafka!: KafkaCluster;
    const { resources, outputs } = await runComponents(() => {
      const cluster = fakeCluster("dedicated");
      const operator = new StrimziOperator("strimzi", {
        crdsFile: "strimzi-crds.yaml",
        config: config.strimzi,
        watchNamespace: "kafka",
        cluster,
      });
      kafka = new KafkaCluster("kafka", { environment: "prod", config: config.kafka, cluster, operator });
      return { bootstrap: kafka.bootstrapServers, ca: kafka.clusterCaCertPem, password: kafka.adminPassword };
    });
    assert.strictEqual(kafka.clusterName, "kafka");
    assert.strictEqual(kafka.namespace, "kafka");
    assert.strictEqual(outputs.bootstrap, "kafka-kafka-bootstrap.kafka.svc:9093");
    assert.match(outputs.ca, /BEGIN CERTIFICATE/);
    assert.ok(kafka.resource instanceof pulumi.CustomResource);
    assert.strictEqual(await isSecret(kafka.adminPassword), true);
    assert.strictEqual(await isSecret(kafka.bootstrapServers), false);

    // The stand-in cluster's storage class and dedicated nodes reach the pools.
    const broker = resources.find((r) => r.name === "kafka-broker")!.inputs as any;
    assert.strictEqual(broker.spec.storage.volumes[0].class, "premium-rwo");
    assert.deepStrictEqual(broker.spec.template.pod.tolerations[0].key, "dedicated");
    for (const r of resources.filter(
      (x) => x.type.startsWith("kubernetes:") && !x.type.includes("providers"),
    )) {
      assert.match(r.provider ?? "", /::test::/, `${r.type} ${r.name} must use the cluster's provider`);
    }
  });

  it("refuses an operator that does not watch the Kafka namespace", async () => {
    const config = stackConfig("dev");
    await assert.rejects(
      runComponents(() => {
        const cluster = fakeCluster("plain");
        const operator = new StrimziOperator("strimzi", {
          crdsFile: "strimzi-crds.yaml",
          config: config.strimzi,
          watchNamespace: "other",
          cluster,
        });
        return new KafkaCluster("kafka", { environment: "dev", config: config.kafka, cluster, operator })
          .clusterName;
      }),
      /the operator watches other, not the Kafka namespace kafka/,
    );
  });

  it("renewing the CA (generation 1) changes the certificate generation annotation only", async () => {
    const config = stackConfig("prod", { kafka: { clusterCa: { generation: 1 } } });
    const { resources } = await runComponents(() => {
      const cluster = fakeCluster("plain");
      const operator = new StrimziOperator("strimzi", {
        crdsFile: "strimzi-crds.yaml",
        config: config.strimzi,
        watchNamespace: "kafka",
        cluster,
      });
      return new KafkaCluster("kafka", { environment: "prod", config: config.kafka, cluster, operator })
        .clusterName;
    });
    const meta = (name: string) =>
      (resources.find((r) => r.name === name && r.type === "kubernetes:core/v1:Secret")!.inputs as any)
        .metadata;
    assert.strictEqual(meta("kafka-cluster-ca-cert").annotations["strimzi.io/ca-cert-generation"], "1");
    assert.strictEqual(meta("kafka-cluster-ca").annotations["strimzi.io/ca-key-generation"], "0");
  });
});
