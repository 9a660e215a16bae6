import * as assert from "assert";
import {
  isSecret,
  plain,
  ProgramRun,
  RecordedResource,
  redactedText,
  runProgram,
} from "../../harness/engine";
import { KubernetesObject, kubernetesObjects, objectsOfKind } from "../../harness/kubernetes-objects";
import { assertValidStrimzi } from "./strimzi/crd-assert";

/* eslint-disable @typescript-eslint/no-explicit-any */
const spec = (o: KubernetesObject) => o.spec as any;
const byName = (run: ProgramRun, type: string, name: string): RecordedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `no ${type} ${name}`);
  return r;
};

describe("kafka cluster (program run)", () => {
  const runs: Partial<Record<"dev" | "prod", ProgramRun>> = {};
  before(async () => {
    runs.dev = await runProgram({ stack: "dev" });
    runs.prod = await runProgram({ stack: "prod" });
  });

  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      it("declares one Kafka, a controller and a broker pool and the admin user; every Strimzi object is valid for 1.2.0", function () {
        const objects = kubernetesObjects(runs[stack]!);
        const strimzi = objects.filter((o) => o.apiVersion.startsWith("kafka.strimzi.io/"));
        const ids = strimzi.map((o) => `${o.kind}/${o.metadata.name}`);
        assert.deepStrictEqual(
          ids.filter((id) => id.startsWith("Kafka/")),
          ["Kafka/kafka"],
        );
        assert.deepStrictEqual(ids.filter((id) => id.startsWith("KafkaNodePool/")).sort(), [
          "KafkaNodePool/broker",
          "KafkaNodePool/controller",
        ]);
        assert.ok(ids.includes("KafkaUser/platform-admin"));
        for (const o of strimzi.filter((x) => x.kind !== "Kafka")) {
          assert.strictEqual(
            o.metadata.labels?.["strimzi.io/cluster"],
            "kafka",
            `${o.kind}/${o.metadata.name}`,
          );
        }
        assertValidStrimzi(this, strimzi);
      });

      it("every KafkaTopic and KafkaUser depends on the Kafka resource (deleted while the entity operator runs)", () => {
        const run = runs[stack]!;
        const kafka = byName(run, "kubernetes:kafka.strimzi.io/v1:Kafka", "kafka").urn;
        const dependents = run.resources.filter((r) => /:(KafkaTopic|KafkaUser)$/.test(r.type));
        assert.ok(dependents.length > 0);
        for (const r of dependents) assert.ok(r.dependsOn.includes(kafka), `${r.type} ${r.name}`);
      });

      it("creates the Kafka namespace, and puts every Kafka object in it with the cluster's provider", () => {
        const run = runs[stack]!;
        const namespaces = objectsOfKind(kubernetesObjects(run), "Namespace").map((n) => n.metadata.name);
        assert.ok(namespaces.includes("kafka") && namespaces.includes("strimzi"), namespaces.join());
        for (const r of run.resources.filter((x) => x.type.startsWith("kubernetes:kafka.strimzi.io/"))) {
          assert.strictEqual((r.inputs.metadata as any).namespace, "kafka");
          assert.match(
            r.provider ?? "",
            /pulumi:providers:kubernetes::/,
            `${r.name} uses the ambient kubeconfig`,
          );
        }
      });

      it("waits for the Kafka namespace: every namespaced object of the cluster depends on it", () => {
        const run = runs[stack]!;
        const namespace = run.resources.find(
          (r) => r.type === "kubernetes:core/v1:Namespace" && (r.inputs.metadata as any).name === "kafka",
        )!.urn;
        const component = byName(run, "kafka-platform:strimzi:KafkaCluster", "kafka").urn;
        const namespaced = run.resources.filter(
          (r) =>
            r.parent === component &&
            r.type.startsWith("kubernetes:") &&
            (r.inputs.metadata as any)?.namespace,
        );
        assert.ok(namespaced.length >= 6, `${namespaced.length} namespaced objects`);
        for (const r of namespaced) assert.ok(r.dependsOn.includes(namespace), `${r.type} ${r.name}`);
      });

      it("renewing the CA (generation) re-issues the certificate from the same key and subject", async () => {
        const renewed = await runProgram({
          stack,
          configOverrides: { kafka: { clusterCa: { generation: 1 } } },
        });
        const tlsOf = (run: ProgramRun, type: string) => byName(run, `tls:index/${type}`, "kafka-cluster-ca");
        const [before, after] = [runs[stack]!, renewed].map((run) => ({
          cert: tlsOf(run, "selfSignedCert:SelfSignedCert"),
          key: tlsOf(run, "privateKey:PrivateKey"),
        }));
        assert.deepStrictEqual([before.cert.replacementTrigger, after.cert.replacementTrigger], [0, 1]);
        assert.strictEqual(after.key.replacementTrigger, undefined);
        assert.deepStrictEqual(after.key.inputs, before.key.inputs);
        assert.deepStrictEqual((after.cert.inputs as any).subject, (before.cert.inputs as any).subject);
        assert.strictEqual(after.cert.urn, before.cert.urn);
      });

      it("exports the bootstrap address, cluster name, namespace, CA certificate and admin credentials", () => {
        const { outputs } = runs[stack]!;
        assert.strictEqual(outputs.kafkaBootstrapServers, "kafka-kafka-bootstrap.kafka.svc:9093");
        assert.strictEqual(outputs.kafkaClusterName, "kafka");
        assert.strictEqual(outputs.kafkaNamespace, "kafka");
        assert.match(String(outputs.kafkaClusterCaCert), /^-----BEGIN CERTIFICATE-----/);
        assert.ok(isSecret(outputs.kafkaAdminPassword), "the admin password output is secret");
        assert.strictEqual(String(plain(outputs.kafkaAdminPassword)).length, 32);
        assert.strictEqual(outputs.kafkaAdminUsername, "platform-admin");
      });

      it("provides the cluster CA in Strimzi's two Secrets, the certificate matching the exported one", () => {
        const run = runs[stack]!;
        const secrets = objectsOfKind(kubernetesObjects(run, { secrets: "reveal" }), "Secret");
        const cert = secrets.find((s) => s.metadata.name === "kafka-cluster-ca-cert")!;
        const key = secrets.find((s) => s.metadata.name === "kafka-cluster-ca")!;
        assert.strictEqual((cert.stringData as any)["ca.crt"], run.outputs.kafkaClusterCaCert);
        assert.match((key.stringData as any)["ca.key"], /PRIVATE KEY/);
        assert.ok(
          !redactedText(run).includes((key.stringData as any)["ca.key"]),
          "the CA key shows in plain text",
        );
        assert.strictEqual(cert.metadata.annotations?.["strimzi.io/ca-cert-generation"], "0");
        assert.strictEqual(key.metadata.annotations?.["strimzi.io/ca-key-generation"], "0");
        const caKey = byName(run, "tls:index/privateKey:PrivateKey", "kafka-cluster-ca");
        assert.deepStrictEqual([caKey.inputs.algorithm, caKey.inputs.rsaBits], ["RSA", 4096]);
        const caCert = byName(run, "tls:index/selfSignedCert:SelfSignedCert", "kafka-cluster-ca");
        assert.strictEqual(caCert.inputs.isCaCertificate, true);
      });

      it("keeps the admin password in a Secret the KafkaUser references", () => {
        const run = runs[stack]!;
        const secret = objectsOfKind(kubernetesObjects(run, { secrets: "reveal" }), "Secret").find(
          (s) => s.metadata.name === "platform-admin-password",
        )!;
        assert.strictEqual((secret.stringData as any).password, plain(run.outputs.kafkaAdminPassword));
        assert.ok(!redactedText(run).includes((secret.stringData as any).password), "the password shows");
        const password = byName(run, "random:index/randomPassword:RandomPassword", "kafka-admin-password");
        assert.ok(Number(password.inputs.length) >= 32);
      });

      it("orders the lifecycle: CRDs before the chart, the chart before Kafka, Kafka before its users", () => {
        const run = runs[stack]!;
        const urn = (type: string, name: string) => byName(run, type, name).urn;
        const deps = (type: string, name: string) => byName(run, type, name).dependsOn;
        const chart = urn("kubernetes:helm.sh/v4:Chart", "strimzi");
        const kafka = urn("kubernetes:kafka.strimzi.io/v1:Kafka", "kafka");
        assert.ok(
          deps("kubernetes:helm.sh/v4:Chart", "strimzi").includes(
            urn("kubernetes:yaml/v2:ConfigFile", "strimzi-crds"),
          ),
        );
        assert.ok(
          deps("kubernetes:helm.sh/v4:Chart", "strimzi").includes(
            urn("kubernetes:core/v1:Namespace", "strimzi-watched-namespace"),
          ),
        );
        assert.ok(deps("kubernetes:kafka.strimzi.io/v1:Kafka", "kafka").includes(chart));
        for (const pool of ["kafka-controller", "kafka-broker"]) {
          assert.ok(deps("kubernetes:kafka.strimzi.io/v1:KafkaNodePool", pool).includes(chart), pool);
        }
        assert.ok(deps("kubernetes:kafka.strimzi.io/v1:KafkaUser", "kafka-admin").includes(kafka));
        assert.ok(
          deps("kubernetes:kafka.strimzi.io/v1:Kafka", "kafka").includes(
            urn("kubernetes:core/v1:Secret", "kafka-cluster-ca-cert"),
          ),
        );
      });

      it("references a metrics ConfigMap that holds the JMX exporter rules", () => {
        const objects = kubernetesObjects(runs[stack]!);
        const kafka = objectsOfKind(objects, "Kafka")[0];
        const ref = spec(kafka).kafka.metricsConfig.valueFrom.configMapKeyRef;
        const cm = objectsOfKind(objects, "ConfigMap").find((c) => c.metadata.name === ref.name);
        assert.ok(cm, `no ConfigMap ${ref.name}`);
        assert.strictEqual(cm.metadata.namespace, "kafka");
        assert.match((cm.data as any)[ref.key], /lowercaseOutputName: true/);
      });
    });
  }

  it("prod vs dev: quorum size, volumes, rack awareness, placement and Cruise Control", () => {
    const pools = (stack: "dev" | "prod") =>
      Object.fromEntries(
        objectsOfKind(kubernetesObjects(runs[stack]!), "KafkaNodePool").map((p) => [
          p.metadata.name,
          spec(p),
        ]),
      );
    const kafka = (stack: "dev" | "prod") => spec(objectsOfKind(kubernetesObjects(runs[stack]!), "Kafka")[0]);
    const prod = pools("prod");
    const dev = pools("dev");
    assert.strictEqual(prod.controller.replicas, 3);
    assert.ok(prod.broker.replicas >= 3);
    assert.strictEqual(dev.controller.replicas, 1);
    assert.strictEqual(prod.broker.storage.volumes[0].deleteClaim, false);
    assert.strictEqual(dev.broker.storage.volumes[0].deleteClaim, true);
    // prod runs on the GKE cluster's dedicated, tainted Kafka nodes, spread over its zones.
    assert.ok(prod.broker.template.pod.tolerations.length > 0);
    assert.ok(prod.broker.template.pod.affinity.nodeAffinity);
    assert.ok(
      prod.broker.template.pod.topologySpreadConstraints.some(
        (c: any) => c.topologyKey === "topology.kubernetes.io/zone",
      ),
    );
    assert.ok(!("tolerations" in dev.broker.template.pod));
    assert.ok(kafka("prod").kafka.rack && kafka("prod").cruiseControl);
    assert.ok(!kafka("dev").kafka.rack && !kafka("dev").cruiseControl);
    assert.strictEqual(kafka("prod").kafka.config["min.insync.replicas"], 2);
    assert.strictEqual(kafka("dev").kafka.config["min.insync.replicas"], 1);
  });

  it("refuses a prod stack with a single controller before registering anything", async () => {
    await assert.rejects(
      runProgram({ stack: "prod", configOverrides: { kafka: { controllers: { replicas: 1 } } } }),
      (e: Error) =>
        e.name === "UserError" &&
        /^Pulumi\.prod\.yaml:\d+:\d+: kafka-platform:kafka\.controllers\.replicas: 1 is too few/m.test(
          e.message,
        ),
    );
  });
});
