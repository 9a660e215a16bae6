/**
 * Stands in for Strimzi's User and Topic Operators: applies rendered `KafkaUser` and `KafkaTopic`
 * objects (kafka.strimzi.io/v1) to a real broker through the Kafka Admin API, the way the operators
 * do it:
 *
 * - principal `User:<metadata.name>`; SCRAM-SHA-512 credential (4096 iterations, like Strimzi) with
 *   the password from `spec.authentication.password.valueFrom.secretKeyRef`;
 * - one ACL binding per (rule, resource, operation): `type` allow|deny (default allow),
 *   `patternType` literal|prefix (default literal), `host` (default `*`); the cluster resource is
 *   named `kafka-cluster`;
 * - `spec.quotas` as client quotas of the user entity;
 * - topics named `spec.topicName ?? metadata.name` with `spec.partitions`, `spec.replicas` and
 *   `spec.config` (values as strings, lists joined with `,`).
 *
 * The pure translation (`aclBindings`, `quotaOps`, `topicRequest`) is separate from the calls that
 * apply it, so it is unit-tested without a broker.
 */
import { pbkdf2Sync, randomBytes } from "node:crypto";
import {
  type Acl,
  AclOperations,
  AclPermissionTypes,
  type Admin,
  alterUserScramCredentialsV0,
  type AlterClientQuotasOptions,
  type ClientQuotaKeyValue,
  Connection,
  ResourcePatternTypes,
  ResourceTypes,
  ScramMechanisms,
} from "@platformatic/kafka";
import { clientOptions, type KafkaCluster } from "./broker";

/** One ACL rule of a Strimzi v1 KafkaUser (`spec.authorization.acls[]`). */
export interface StrimziAclRule {
  type?: "allow" | "deny";
  resource: {
    type: "topic" | "group" | "transactionalId" | "cluster";
    name?: string;
    patternType?: "literal" | "prefix";
  };
  operations: string[];
  host?: string;
}

/** Strimzi v1 `KafkaUser.spec.quotas`. */
export interface StrimziQuotas {
  producerByteRate?: number;
  consumerByteRate?: number;
  requestPercentage?: number;
  controllerMutationRate?: number;
}

/** The parts of a rendered KafkaUser this stand-in reads. */
export interface KafkaUserObject {
  metadata: { name?: string; namespace?: string };
  spec?: {
    authentication?: {
      type?: string;
      password?: { valueFrom?: { secretKeyRef?: { name?: string; key?: string } } };
    };
    authorization?: { type?: string; acls?: StrimziAclRule[] };
    quotas?: StrimziQuotas;
  };
}

/** The parts of a rendered KafkaTopic this stand-in reads. */
export interface KafkaTopicObject {
  metadata: { name?: string; namespace?: string };
  spec?: { topicName?: string; partitions?: number; replicas?: number; config?: Record<string, unknown> };
}

const RESOURCE_TYPES = {
  topic: ResourceTypes.TOPIC,
  group: ResourceTypes.GROUP,
  transactionalId: ResourceTypes.TRANSACTIONAL_ID,
  cluster: ResourceTypes.CLUSTER,
} as const;

/** Strimzi operation names → Kafka ACL operations. */
const OPERATIONS: Record<string, Acl["operation"]> = {
  Read: AclOperations.READ,
  Write: AclOperations.WRITE,
  Create: AclOperations.CREATE,
  Delete: AclOperations.DELETE,
  Alter: AclOperations.ALTER,
  Describe: AclOperations.DESCRIBE,
  ClusterAction: AclOperations.CLUSTER_ACTION,
  AlterConfigs: AclOperations.ALTER_CONFIGS,
  DescribeConfigs: AclOperations.DESCRIBE_CONFIGS,
  IdempotentWrite: AclOperations.IDEMPOTENT_WRITE,
  All: AclOperations.ALL,
};

/** Strimzi quota fields → Kafka client quota keys. */
const QUOTA_KEYS: Record<keyof StrimziQuotas, string> = {
  producerByteRate: "producer_byte_rate",
  consumerByteRate: "consumer_byte_rate",
  requestPercentage: "request_percentage",
  controllerMutationRate: "controller_mutation_rate",
};

type QuotaOp = AlterClientQuotasOptions["entries"][number]["ops"][number];

/** Strimzi's SCRAM iteration count. */
export const SCRAM_ITERATIONS = 4096;

export function userName(user: KafkaUserObject): string {
  if (!user.metadata.name) throw new Error("KafkaUser without metadata.name");
  return user.metadata.name;
}

/** The ACL bindings the User Operator creates for a KafkaUser: one per rule and operation. */
export function aclBindings(user: KafkaUserObject): Acl[] {
  const principal = `User:${userName(user)}`;
  return (user.spec?.authorization?.acls ?? []).flatMap((rule) => {
    const resourceType = RESOURCE_TYPES[rule.resource.type];
    if (resourceType === undefined)
      throw new Error(`${principal}: unknown ACL resource type ${rule.resource.type}`);
    const cluster = rule.resource.type === "cluster";
    const resourceName = cluster ? "kafka-cluster" : rule.resource.name;
    if (!resourceName)
      throw new Error(`${principal}: ${rule.resource.type} ACL rule without a resource name`);
    return rule.operations.map((name): Acl => {
      const operation = OPERATIONS[name];
      if (operation === undefined) throw new Error(`${principal}: unknown ACL operation ${name}`);
      return {
        principal,
        host: rule.host ?? "*",
        resourceType,
        resourceName,
        resourcePatternType:
          !cluster && rule.resource.patternType === "prefix"
            ? ResourcePatternTypes.PREFIXED
            : ResourcePatternTypes.LITERAL,
        operation,
        permissionType: rule.type === "deny" ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
      };
    });
  });
}

/** The client quota operations for a KafkaUser's `spec.quotas` (unset fields are removed, as Strimzi does). */
export function quotaOps(user: KafkaUserObject): QuotaOp[] {
  const quotas = user.spec?.quotas ?? {};
  return (Object.keys(QUOTA_KEYS) as (keyof StrimziQuotas)[]).map((field) => {
    const key = QUOTA_KEYS[field] as ClientQuotaKeyValue;
    const value = quotas[field];
    return value === undefined ? { key, remove: true } : { key, value, remove: false };
  });
}

/** Kafka's name, partitions, replicas and configs for a KafkaTopic. */
export function topicRequest(topic: KafkaTopicObject): {
  name: string;
  partitions: number;
  replicas: number;
  configs: { name: string; value: string }[];
} {
  const name = topic.spec?.topicName ?? topic.metadata.name;
  if (!name) throw new Error("KafkaTopic without metadata.name");
  const configs = Object.entries(topic.spec?.config ?? {}).map(([key, value]) => ({
    name: key,
    value: Array.isArray(value) ? value.map(String).join(",") : String(value),
  }));
  // Strimzi's Topic Operator uses the broker defaults for unset partitions/replicas.
  return { name, partitions: topic.spec?.partitions ?? -1, replicas: topic.spec?.replicas ?? -1, configs };
}

/** The SCRAM-SHA-512 credential (salt and salted password) Kafka stores for a password. */
export function scramCredential(password: string): { salt: Buffer; saltedPassword: Buffer } {
  const salt = randomBytes(32);
  return { salt, saltedPassword: pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 64, "sha512") };
}

/**
 * Creates or replaces SCRAM-SHA-512 credentials. @platformatic/kafka (1.35.0, still 2.12.1) has the
 * AlterUserScramCredentials request but no Admin method for it, so this sends the request over one
 * admin connection (as the Java Admin client does, the salted password is computed client-side).
 */
export async function setScramPasswords(
  cluster: KafkaCluster,
  passwords: Map<string, string>,
): Promise<void> {
  const { sasl, tls } = clientOptions(cluster, cluster.admin);
  const connection = new Connection("kafka-test-user-operator", { sasl, tls });
  const [host, port] = cluster.bootstrapServers[0].split(":");
  await connection.connect(host, Number(port));
  try {
    const upsertions = [...passwords].map(([name, password]) => ({
      name,
      mechanism: ScramMechanisms.SCRAM_SHA_512,
      iterations: SCRAM_ITERATIONS,
      ...scramCredential(password),
    }));
    await alterUserScramCredentialsV0.api.async(connection, [], upsertions);
  } finally {
    await connection.close();
  }
}

/** Applies users (credentials, ACLs, quotas) like the User Operator; replaces ACLs the users had before. */
export async function applyUsers(
  cluster: KafkaCluster,
  admin: Admin,
  users: KafkaUserObject[],
  passwordOf: (user: KafkaUserObject) => string,
): Promise<void> {
  await setScramPasswords(cluster, new Map(users.map((u) => [userName(u), passwordOf(u)])));
  for (const user of users) await replaceAcls(admin, userName(user), aclBindings(user));
  await admin.alterClientQuotas({
    entries: users.map((user) => ({
      entities: [{ entityType: "user", entityName: userName(user) }],
      ops: quotaOps(user),
    })),
  });
}

/** Deletes every ACL binding of `User:<name>` and creates `bindings` instead. */
export async function replaceAcls(admin: Admin, name: string, bindings: Acl[]): Promise<void> {
  await admin.deleteAcls({
    filters: [
      {
        resourceType: ResourceTypes.ANY,
        resourceName: null,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${name}`,
        host: null,
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    ],
  });
  if (bindings.length > 0) await admin.createAcls({ creations: bindings });
}

/**
 * Creates topics like the Topic Operator (a config or replication factor Kafka rejects fails the
 * call: the stack's topics must fit its brokers as rendered); `configOverrides` replaces configs
 * a test cannot use.
 */
export async function applyTopics(
  admin: Admin,
  topics: KafkaTopicObject[],
  options: { configOverrides?: Record<string, string> } = {},
): Promise<void> {
  for (const topic of topics) {
    const request = topicRequest(topic);
    const overrides = Object.entries(options.configOverrides ?? {});
    request.configs = [
      ...request.configs.filter((c) => !overrides.some(([name]) => name === c.name)),
      ...overrides.map(([name, value]) => ({ name, value })),
    ];
    await admin.createTopics({
      topics: [request.name],
      partitions: request.partitions,
      replicas: request.replicas,
      configs: request.configs,
    });
  }
}
