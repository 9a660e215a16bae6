import * as assert from "assert";
import { clusterCaSecrets, clusterCaSubject } from "../../../core/strimzi/kafka-ca";

describe("strimzi: cluster CA Secrets", () => {
  it("uses Strimzi's names, labels and generation annotations", () => {
    const { cert, key } = clusterCaSecrets("kafka", "kafka", 0);
    assert.strictEqual(cert.name, "kafka-cluster-ca-cert");
    assert.strictEqual(key.name, "kafka-cluster-ca");
    for (const secret of [cert, key]) {
      assert.deepStrictEqual(secret.labels, { "strimzi.io/kind": "Kafka", "strimzi.io/cluster": "kafka" });
      assert.strictEqual(secret.namespace, "kafka");
    }
    assert.deepStrictEqual(cert.annotations, { "strimzi.io/ca-cert-generation": "0" });
    assert.deepStrictEqual(key.annotations, { "strimzi.io/ca-key-generation": "0" });
  });

  it("a renewal raises the certificate generation and keeps the key generation and the subject", () => {
    const before = clusterCaSecrets("kafka", "kafka", 0);
    const after = clusterCaSecrets("kafka", "kafka", 1);
    assert.strictEqual(after.cert.annotations["strimzi.io/ca-cert-generation"], "1");
    assert.deepStrictEqual(after.key, before.key);
  });

  it("names the CA after the cluster and namespace, without the generation", () => {
    const subject = clusterCaSubject("kafka", "kafka-ns");
    assert.ok(JSON.stringify(subject).includes("kafka-ns"), JSON.stringify(subject));
    assert.notDeepStrictEqual(subject, clusterCaSubject("other", "kafka-ns"));
  });
});
