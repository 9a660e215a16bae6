/**
 * The operator stand-in's translation (no broker): Strimzi v1 KafkaUser/KafkaTopic fields to Kafka
 * ACL bindings, quota operations and topic requests; and the password lookup.
 */
import { strict as assert } from "node:assert";
import { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes } from "@platformatic/kafka";
import { aclBindings, type KafkaUserObject, quotaOps, topicRequest } from "./operator";
import { passwordFromSecret } from "./stack";

const user = (
  acls: NonNullable<NonNullable<KafkaUserObject["spec"]>["authorization"]>["acls"],
): KafkaUserObject => ({
  metadata: { name: "payments-order-service", namespace: "kafka" },
  spec: {
    authentication: {
      type: "scram-sha-512",
      password: { valueFrom: { secretKeyRef: { name: "payments-order-service.password", key: "password" } } },
    },
    authorization: { type: "simple", acls },
  },
});

describe("real Kafka: operator stand-in (translation)", function () {
  it("makes one binding per rule and operation, with Strimzi's defaults", function () {
    const bindings = aclBindings(
      user([
        { resource: { type: "topic", name: "payments.orders.v1" }, operations: ["Write", "Describe"] },
        {
          type: "deny",
          resource: { type: "group", name: "payments.order-service", patternType: "prefix" },
          operations: ["Read"],
          host: "10.0.0.1",
        },
        {
          resource: { type: "transactionalId", name: "payments.order-service", patternType: "prefix" },
          operations: ["Write"],
        },
        { resource: { type: "cluster" }, operations: ["IdempotentWrite"] },
      ]),
    );
    const common = { principal: "User:payments-order-service" };
    assert.deepEqual(bindings, [
      {
        ...common,
        host: "*",
        resourceType: ResourceTypes.TOPIC,
        resourceName: "payments.orders.v1",
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation: AclOperations.WRITE,
        permissionType: AclPermissionTypes.ALLOW,
      },
      {
        ...common,
        host: "*",
        resourceType: ResourceTypes.TOPIC,
        resourceName: "payments.orders.v1",
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation: AclOperations.DESCRIBE,
        permissionType: AclPermissionTypes.ALLOW,
      },
      {
        ...common,
        host: "10.0.0.1",
        resourceType: ResourceTypes.GROUP,
        resourceName: "payments.order-service",
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        operation: AclOperations.READ,
        permissionType: AclPermissionTypes.DENY,
      },
      {
        ...common,
        host: "*",
        resourceType: ResourceTypes.TRANSACTIONAL_ID,
        resourceName: "payments.order-service",
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        operation: AclOperations.WRITE,
        permissionType: AclPermissionTypes.ALLOW,
      },
      {
        ...common,
        host: "*",
        resourceType: ResourceTypes.CLUSTER,
        resourceName: "kafka-cluster",
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation: AclOperations.IDEMPOTENT_WRITE,
        permissionType: AclPermissionTypes.ALLOW,
      },
    ]);
  });

  it("rejects operations and resource types Strimzi does not know", function () {
    assert.throws(
      () => aclBindings(user([{ resource: { type: "topic", name: "t" }, operations: ["Produce"] }])),
      /Produce/,
    );
    assert.throws(
      () => aclBindings(user([{ resource: { type: "topic" }, operations: ["Read"] }])),
      /without a resource name/,
    );
  });

  it("sets declared quotas and removes the others", function () {
    const ops = quotaOps({
      metadata: { name: "u" },
      spec: { quotas: { producerByteRate: 1024, controllerMutationRate: 2.5 } },
    });
    assert.deepEqual(ops, [
      { key: "producer_byte_rate", value: 1024, remove: false },
      { key: "consumer_byte_rate", remove: true },
      { key: "request_percentage", remove: true },
      { key: "controller_mutation_rate", value: 2.5, remove: false },
    ]);
  });

  it("names topics by spec.topicName when set, and writes config values as Kafka strings", function () {
    assert.deepEqual(
      topicRequest({
        metadata: { name: "payments.legacy-orders-1a2b3c4d" },
        spec: {
          topicName: "payments.Legacy_Orders",
          partitions: 3,
          replicas: 3,
          config: { "retention.ms": 604800000, "cleanup.policy": ["compact", "delete"], preallocate: false },
        },
      }),
      {
        name: "payments.Legacy_Orders",
        partitions: 3,
        replicas: 3,
        configs: [
          { name: "retention.ms", value: "604800000" },
          { name: "cleanup.policy", value: "compact,delete" },
          { name: "preallocate", value: "false" },
        ],
      },
    );
  });

  it("reads the password from the Secret the KafkaUser references (stringData or data)", function () {
    const u = user([]);
    const secret = (body: Record<string, unknown>) => ({
      kind: "Secret",
      metadata: { name: "payments-order-service.password", namespace: "kafka" },
      ...body,
    });
    assert.equal(passwordFromSecret(u, [secret({ stringData: { password: "s3cret" } })]), "s3cret");
    assert.equal(
      passwordFromSecret(u, [secret({ data: { password: Buffer.from("s3cret").toString("base64") } })]),
      "s3cret",
    );
    assert.throws(
      () => passwordFromSecret(u, [{ ...secret({}), metadata: { name: "other", namespace: "kafka" } }]),
      /not declared/,
    );
  });
});
