/**
 * Test support: compliant Strimzi resources as the program registers them (tests change one field
 * to make a violation), and a `check` that runs policies through the offline runner, i.e. with the
 * arguments @pulumi/policy 1.21 builds (stackTags, notApplicable, config over schema defaults).
 */
import { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import {
  ENVIRONMENT_LABEL,
  GRANTS_ANNOTATION,
  PREFIX_ANNOTATION,
  STRIMZI_CLUSTER_LABEL,
  TEAM_LABEL,
  WAIVERS_ANNOTATION,
} from "../../core/labels";
import { Environment, ENVIRONMENT_TAG } from "../lib/environment";
import { StrimziKind, strimziType } from "../lib/strimzi";
import { Waiver } from "../lib/waivers";
import { policyResources, resourceValidationArgs, stackValidationArgs } from "../offline/args";
import { resolvePackConfig } from "../offline/config";
import { OfflineResource, OfflineRunResult, runPoliciesOffline } from "../offline/run";
import { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs } from "@pulumi/policy";

const STACK_URN = "urn:pulumi:prod::kafka-platform::pulumi:pulumi:Stack::kafka-platform-prod";
export const PROVIDER = "urn:pulumi:prod::kafka-platform::pulumi:providers:kubernetes::k8s::provider-id";

type Json = Record<string, unknown>;

function resource(kind: StrimziKind, name: string, props: Json, protect = false): OfflineResource {
  const type = strimziType(kind);
  return {
    type,
    name,
    urn: `urn:pulumi:prod::kafka-platform::${type}::${name}`,
    parent: STACK_URN,
    provider: PROVIDER,
    protect,
    inputs: { apiVersion: "kafka.strimzi.io/v1", kind, ...props },
  };
}

export interface TeamObjectOptions {
  team?: string;
  prefix?: string;
  env?: Environment;
  waivers?: Waiver[];
  annotations?: Record<string, string>;
}

function metadata(
  name: string,
  o: TeamObjectOptions,
): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> } {
  const team = o.team ?? "payments";
  return {
    name,
    namespace: "kafka",
    labels: { [STRIMZI_CLUSTER_LABEL]: "kafka", [TEAM_LABEL]: team, [ENVIRONMENT_LABEL]: o.env ?? "prod" },
    annotations: {
      // As the program renders them: the prefix only where it is not the team name.
      ...(o.prefix !== undefined && o.prefix !== team ? { [PREFIX_ANNOTATION]: o.prefix } : {}),
      ...(o.waivers ? { [WAIVERS_ANNOTATION]: JSON.stringify(o.waivers) } : {}),
      ...o.annotations,
    },
  };
}

export interface TopicOptions extends TeamObjectOptions {
  spec?: Json;
  config?: Record<string, string | number>;
  protect?: boolean;
  grants?: { team: string; access: string }[];
}

/** A KafkaTopic compliant with every prod policy: `payments.orders.v1`, 6 × 3, 7 days. */
export function topic(name = "payments.orders.v1", o: TopicOptions = {}): OfflineResource {
  const meta = metadata(name.replace(/[._]/g, "-"), o);
  if (o.grants) meta.annotations[GRANTS_ANNOTATION] = JSON.stringify(o.grants);
  return resource(
    "KafkaTopic",
    `${o.team ?? "payments"}-${name}`,
    {
      metadata: meta,
      spec: {
        topicName: name,
        partitions: 6,
        replicas: 3,
        config: {
          "retention.ms": 604_800_000,
          "cleanup.policy": "delete",
          "min.insync.replicas": 2,
          ...o.config,
        },
        ...o.spec,
      },
    },
    o.protect ?? true,
  );
}

export interface UserOptions extends TeamObjectOptions {
  spec?: Json;
  acls?: Json[];
}

/** A consumer/producer KafkaUser compliant with every prod policy. */
export function user(app = "order-service", o: UserOptions = {}): OfflineResource {
  const team = o.team ?? "payments";
  const prefix = o.prefix ?? team;
  return resource("KafkaUser", `${team}-${app}`, {
    metadata: metadata(`${team}-${app}`, o),
    spec: {
      authentication: {
        type: "scram-sha-512",
        password: { valueFrom: { secretKeyRef: { name: "p", key: "k" } } },
      },
      authorization: {
        type: "simple",
        acls: o.acls ?? [
          {
            resource: { type: "topic", name: `${prefix}.orders.v1`, patternType: "literal" },
            operations: ["Write", "Describe"],
          },
          {
            resource: { type: "group", name: `${prefix}.${app}`, patternType: "prefix" },
            operations: ["Read"],
          },
        ],
      },
      quotas: {
        producerByteRate: 1048576,
        consumerByteRate: 2097152,
        requestPercentage: 25,
        controllerMutationRate: 10,
      },
      ...o.spec,
    },
  });
}

/** A Kafka cluster compliant with every prod policy. */
export function kafka(
  o: { env?: Environment; spec?: Json; config?: Json; listeners?: Json[] } = {},
): OfflineResource {
  return resource("Kafka", "kafka", {
    metadata: { name: "kafka", namespace: "kafka", labels: { [ENVIRONMENT_LABEL]: o.env ?? "prod" } },
    spec: {
      kafka: {
        version: "4.3.1",
        metadataVersion: "4.3-IV0",
        listeners: o.listeners ?? [
          { name: "tls", port: 9093, type: "internal", tls: true, authentication: { type: "scram-sha-512" } },
        ],
        authorization: { type: "simple", superUsers: ["platform-admin"] },
        config: {
          "default.replication.factor": 3,
          "offsets.topic.replication.factor": 3,
          "transaction.state.log.replication.factor": 3,
          "min.insync.replicas": 2,
          "transaction.state.log.min.isr": 2,
          "auto.create.topics.enable": false,
          "unclean.leader.election.enable": false,
          ...o.config,
        },
      },
      ...o.spec,
    },
  });
}

/** A KafkaNodePool: prod controllers (3, persistent, deleteClaim false) unless changed. */
export function nodePool(
  name = "controllers",
  o: { env?: Environment; roles?: string[]; replicas?: number; storage?: Json; cluster?: string } = {},
): OfflineResource {
  return resource("KafkaNodePool", name, {
    metadata: {
      name,
      namespace: "kafka",
      labels: { [STRIMZI_CLUSTER_LABEL]: o.cluster ?? "kafka", [ENVIRONMENT_LABEL]: o.env ?? "prod" },
    },
    spec: {
      replicas: o.replicas ?? 3,
      roles: o.roles ?? ["controller"],
      storage: o.storage ?? { type: "persistent-claim", size: "20Gi", deleteClaim: false },
    },
  });
}

export interface CheckOptions {
  /** Config of the policies under test (properties and/or enforcementLevel), by policy name. */
  config?: PolicyPackConfig;
  /** Stack tags; the environment tag is set from `env` when given. */
  stackTags?: Record<string, string>;
  env?: Environment;
  level?: EnforcementLevel;
}

/** Runs policies over resources offline; every policy defaults to `mandatory` here. */
export function check(
  policies: Policies,
  resources: OfflineResource[],
  o: CheckOptions = {},
): Promise<OfflineRunResult> {
  const tags = new Map(Object.entries({ ...(o.env ? { [ENVIRONMENT_TAG]: o.env } : {}), ...o.stackTags }));
  return runPoliciesOffline({
    policies,
    resources,
    stackTags: tags,
    config: { all: o.level ?? "mandatory", ...o.config },
  });
}

/** The messages of a run, for `assert.deepStrictEqual` and `match`. */
export async function messages(
  policies: Policies,
  resources: OfflineResource[],
  o: CheckOptions = {},
): Promise<string[]> {
  return (await check(policies, resources, o)).violations.map((v) => v.message);
}

/** A clock fixed at an ISO instant. */
export function clockAt(iso: string) {
  return { now: () => new Date(iso) };
}

function contextFor(policy: ResourceValidationPolicy | { name: string }, o: CheckOptions) {
  const resolved = resolvePackConfig([policy as ResourceValidationPolicy], { ...o.config });
  const tags = new Map(Object.entries({ ...(o.env ? { [ENVIRONMENT_TAG]: o.env } : {}), ...o.stackTags }));
  return { stackTags: tags, config: resolved.get(policy.name)!.properties };
}

/** `ResourceValidationArgs` for calling a policy's `validateResource` directly (config over schema defaults). */
export function resourceArgs(
  policy: ResourceValidationPolicy,
  r: OfflineResource,
  o: CheckOptions = {},
): ResourceValidationArgs {
  return resourceValidationArgs(policyResources([r])[0], contextFor(policy, o));
}

/** `StackValidationArgs` for calling a policy's `validateStack` directly. */
export function stackArgs(
  policy: { name: string },
  resources: OfflineResource[],
  o: CheckOptions = {},
): StackValidationArgs {
  return stackValidationArgs(policyResources(resources), contextFor(policy, o));
}
