import type { ContainerResources, KafkaConfig } from "../config";
import { STRIMZI_CLUSTER_LABEL } from "../labels";
import {
  HOSTNAME_TOPOLOGY_KEY,
  STRIMZI_API_VERSION,
  STRIMZI_POOL_NAME_LABEL,
  StrimziObject,
  ZONE_TOPOLOGY_KEY,
} from "./kafka-object";

/** The two KRaft node pools: dedicated controllers and dedicated brokers. */
export type NodePoolRole = "controller" | "broker";
export const NODE_POOL_ROLES: readonly NodePoolRole[] = ["controller", "broker"];

/** A Kubernetes toleration (as the cluster layer describes the Kafka nodes' taint). */
export interface Toleration {
  key: string;
  operator: "Equal" | "Exists";
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** Where Kafka pods run and what they store on, from the cluster layer. */
export interface KafkaPlacement {
  /** StorageClass of the volumes; undefined for the cluster's default class. */
  storageClass?: string;
  /** Labels of the dedicated Kafka nodes (required node affinity). */
  nodeSelector: Record<string, string>;
  /** Tolerations for the dedicated Kafka nodes' taint. */
  tolerations: Toleration[];
}

/**
 * The pool's name; it is part of every pod and volume name (`data-0-<cluster>-<pool>-<id>`), so it must
 * never change for a running cluster.
 */
export function nodePoolName(role: NodePoolRole): string {
  return role;
}

/**
 * A `KafkaNodePool` for one role. Each pool keeps its data on one JBOD volume (id 0) that also holds the
 * KRaft metadata log, so that volumes can be added later without migrating storage types.
 */
export function nodePoolResource(
  kafka: KafkaConfig,
  role: NodePoolRole,
  placement: KafkaPlacement,
): StrimziObject {
  const pool = role === "controller" ? kafka.controllers : kafka.brokers;
  const name = nodePoolName(role);
  return {
    apiVersion: STRIMZI_API_VERSION,
    kind: "KafkaNodePool",
    metadata: { name, namespace: kafka.namespace, labels: { [STRIMZI_CLUSTER_LABEL]: kafka.name } },
    spec: {
      replicas: pool.replicas,
      roles: [role],
      storage: {
        type: "jbod",
        volumes: [
          {
            id: 0,
            type: "persistent-claim",
            size: pool.storageSize,
            deleteClaim: kafka.deleteClaim,
            kraftMetadata: "shared",
            ...(placement.storageClass ? { class: placement.storageClass } : {}),
          },
        ],
      },
      ...(hasResources(pool.resources) ? { resources: pool.resources } : {}),
      template: { pod: podTemplate(kafka, name, placement) },
    },
  };
}

function hasResources(resources: ContainerResources): boolean {
  return Object.keys(resources.requests ?? {}).length + Object.keys(resources.limits ?? {}).length > 0;
}

/**
 * Scheduling of the pool's pods. Strimzi adds no anti-affinity of its own, so the pool spreads itself:
 * over zones (hard, with rack awareness) and over nodes (soft, so a lost node does not block restarts).
 */
function podTemplate(kafka: KafkaConfig, pool: string, placement: KafkaPlacement): Record<string, unknown> {
  const labelSelector = {
    matchLabels: { [STRIMZI_CLUSTER_LABEL]: kafka.name, [STRIMZI_POOL_NAME_LABEL]: pool },
  };
  const spread = [
    ...(kafka.rackAwareness
      ? [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: "DoNotSchedule", labelSelector }]
      : []),
    { maxSkew: 1, topologyKey: HOSTNAME_TOPOLOGY_KEY, whenUnsatisfiable: "ScheduleAnyway", labelSelector },
  ];
  const selector = Object.entries(placement.nodeSelector);
  return {
    topologySpreadConstraints: spread,
    ...(selector.length > 0
      ? {
          // The pod template has no nodeSelector field; a required node affinity says the same.
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: selector.map(([key, value]) => ({
                      key,
                      operator: "In",
                      values: [value],
                    })),
                  },
                ],
              },
            },
          },
        }
      : {}),
    ...(placement.tolerations.length > 0 ? { tolerations: placement.tolerations } : {}),
  };
}
