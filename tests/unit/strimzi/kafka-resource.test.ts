import * as assert from "assert";
import { adminKafkaUser } from "../../../core/strimzi/kafka-admin-user";
import { brokerConfig } from "../../../core/strimzi/kafka-broker-config";
import { kafkaResource } from "../../../core/strimzi/kafka-resource";
import { assertValidStrimzi } from "./crd-assert";
import { stackConfig } from "./support";

/* eslint-disable @typescript-eslint/no-explicit-any */
const spec = (o: { spec: Record<string, unknown> }) => o.spec as any;

const EXTERNAL = {
  kafka: { externalListener: { enabled: true, type: "loadbalancer", allowedCidrs: ["198.51.100.0/24"] } },
};

describe("strimzi: Kafka resource", () => {
  const prod = stackConfig("prod").kafka;
  const dev = stackConfig("dev").kafka;

  it("pins the Kafka and KRaft metadata versions; replicas and storage live in the node pools", () => {
    const kafka = spec(kafkaResource(prod)).kafka;
    assert.strictEqual(kafka.version, "4.3.1");
    assert.strictEqual(kafka.metadataVersion, "4.3-IV0");
    assert.ok(!("replicas" in kafka) && !("storage" in kafka));
    assert.ok(!("zookeeper" in spec(kafkaResource(prod))));
  });

  it("prod broker config: RF 3, min ISR 2, no auto-created topics, no unclean election", () => {
    const config = spec(kafkaResource(prod)).kafka.config;
    assert.strictEqual(config["default.replication.factor"], 3);
    assert.strictEqual(config["min.insync.replicas"], 2);
    assert.strictEqual(config["offsets.topic.replication.factor"], 3);
    assert.strictEqual(config["transaction.state.log.replication.factor"], 3);
    assert.strictEqual(config["transaction.state.log.min.isr"], 2);
    assert.strictEqual(config["share.coordinator.state.topic.replication.factor"], 3);
    assert.strictEqual(config["share.coordinator.state.topic.min.isr"], 2);
    assert.strictEqual(config["auto.create.topics.enable"], false);
    assert.strictEqual(config["unclean.leader.election.enable"], false);
    assert.match(config["replica.selector.class"], /RackAwareReplicaSelector/);
  });

  it("dev broker config: RF 1, min ISR 1, and the same safety settings", () => {
    const config = brokerConfig(dev);
    assert.strictEqual(config["default.replication.factor"], 1);
    assert.strictEqual(config["min.insync.replicas"], 1);
    // A one-broker cluster could never create the share coordinator's state topic with Kafka's default RF 3.
    assert.strictEqual(config["share.coordinator.state.topic.replication.factor"], 1);
    assert.strictEqual(config["share.coordinator.state.topic.min.isr"], 1);
    assert.strictEqual(config["auto.create.topics.enable"], false);
    assert.strictEqual(config["unclean.leader.election.enable"], false);
    assert.ok(!("replica.selector.class" in config));
  });

  it("prod: rack awareness on the zone label and Cruise Control with the configured capacity", () => {
    const s = spec(kafkaResource(prod));
    assert.deepStrictEqual(s.kafka.rack, { topologyKey: "topology.kubernetes.io/zone" });
    assert.deepStrictEqual(s.cruiseControl.brokerCapacity, {
      cpu: "2",
      inboundNetwork: "50000KiB/s",
      outboundNetwork: "50000KiB/s",
    });
  });

  it("dev: neither rack awareness nor Cruise Control", () => {
    const s = spec(kafkaResource(dev));
    assert.ok(!("rack" in s.kafka));
    assert.ok(!("cruiseControl" in s));
  });

  it("listeners: only internal TLS + SCRAM-SHA-512 by default, reachable from client namespaces", () => {
    for (const kafka of [dev, prod]) {
      const listeners = spec(kafkaResource(kafka)).kafka.listeners;
      assert.deepStrictEqual(
        listeners.map((l: any) => [l.name, l.port, l.type, l.tls, l.authentication.type]),
        [["tls", 9093, "internal", true, "scram-sha-512"]],
      );
      assert.deepStrictEqual(listeners[0].networkPolicyPeers, [
        { podSelector: {} },
        { namespaceSelector: { matchLabels: { "kafka-platform.io/kafka-client": "true" } } },
      ]);
    }
  });

  it("an enabled external listener is TLS + SCRAM too, limited to the allowed ranges", () => {
    const kafka = stackConfig("prod", EXTERNAL).kafka;
    const external = spec(kafkaResource(kafka)).kafka.listeners.find((l: any) => l.name === "external");
    assert.strictEqual(external.type, "loadbalancer");
    assert.strictEqual(external.tls, true);
    assert.deepStrictEqual(external.authentication, { type: "scram-sha-512" });
    assert.deepStrictEqual(external.configuration.loadBalancerSourceRanges, ["198.51.100.0/24"]);
    assert.deepStrictEqual(external.networkPolicyPeers, [{ ipBlock: { cidr: "198.51.100.0/24" } }]);
  });

  it("simple authorization with the platform admin as the only super user", () => {
    for (const kafka of [dev, prod]) {
      assert.deepStrictEqual(spec(kafkaResource(kafka)).kafka.authorization, {
        type: "simple",
        superUsers: ["platform-admin"],
      });
    }
  });

  it("the admin KafkaUser authenticates with SCRAM-SHA-512 and a password from its Secret", () => {
    const user = adminKafkaUser(prod);
    assert.strictEqual(user.metadata.name, "platform-admin");
    assert.strictEqual(user.metadata.labels?.["strimzi.io/cluster"], "kafka");
    assert.deepStrictEqual(spec(user).authentication, {
      type: "scram-sha-512",
      password: { valueFrom: { secretKeyRef: { name: "platform-admin-password", key: "password" } } },
    });
  });

  it("uses the program's cluster CA, JMX exporter metrics, Kafka Exporter and both entity operators", () => {
    const s = spec(kafkaResource(prod));
    assert.deepStrictEqual(s.clusterCa, {
      generateCertificateAuthority: false,
      generateSecretOwnerReference: false,
    });
    assert.deepStrictEqual(s.kafka.metricsConfig, {
      type: "jmxPrometheusExporter",
      valueFrom: { configMapKeyRef: { name: "kafka-kafka-metrics", key: "kafka-metrics-config.yml" } },
    });
    assert.ok(s.kafkaExporter, "Kafka Exporter for consumer lag");
    assert.strictEqual(s.entityOperator.topicOperator.watchedNamespace, "kafka");
    assert.strictEqual(s.entityOperator.userOperator.watchedNamespace, "kafka");
    assert.deepStrictEqual(s.kafka.template.podDisruptionBudget, { maxUnavailable: 1 });
  });

  it("sizes the entity operator, Kafka Exporter and Cruise Control from config", () => {
    const s = spec(kafkaResource(prod));
    assert.deepStrictEqual(s.entityOperator.topicOperator.resources, prod.componentResources.topicOperator);
    assert.deepStrictEqual(s.entityOperator.userOperator.resources, prod.componentResources.userOperator);
    assert.deepStrictEqual(s.kafkaExporter.resources, prod.componentResources.kafkaExporter);
    assert.deepStrictEqual(s.cruiseControl.resources, {
      requests: { cpu: "500m", memory: "1Gi" },
      limits: { memory: "2Gi" },
    });
  });

  it("prod rolls pods for certificate renewals only in the night window; dev at any time", () => {
    assert.deepStrictEqual(spec(kafkaResource(prod)).maintenanceTimeWindows, ["* * 0-4 ? * * *"]);
    assert.ok(!("maintenanceTimeWindows" in spec(kafkaResource(dev))));
  });

  it("validates against the Strimzi 1.2.0 Kafka and KafkaUser CRDs", function () {
    const external = stackConfig("prod", EXTERNAL).kafka;
    const nodeport = stackConfig("dev", {
      kafka: { externalListener: { enabled: true, type: "nodeport", allowedCidrs: ["198.51.100.0/24"] } },
    }).kafka;
    assertValidStrimzi(
      this,
      [dev, prod, external, nodeport].flatMap((k) => [kafkaResource(k), adminKafkaUser(k)]),
    );
  });
});
