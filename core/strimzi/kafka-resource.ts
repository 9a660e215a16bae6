import type { KafkaConfig } from "../config";
import { brokerConfig } from "./kafka-broker-config";
import {
  EXTERNAL_LISTENER,
  INTERNAL_LISTENER,
  metricsConfigMapName,
  STRIMZI_API_VERSION,
  StrimziObject,
  ZONE_TOPOLOGY_KEY,
} from "./kafka-object";
import { KAFKA_METRICS_CONFIG_KEY } from "./metrics";
import { oauthBrokerConfig, oauthListener, OAuthListenerSettings } from "./oauth-listener";

/** Every listener authenticates with SCRAM-SHA-512 over TLS; there is no other kind. */
const SCRAM = { type: "scram-sha-512" } as const;

/**
 * The `Kafka` resource: KRaft (the node pools carry replicas and storage), TLS + SCRAM listeners,
 * simple authorization with the platform admin as super user, the cluster CA provided by the program,
 * and metrics, Kafka Exporter, the entity operator and (optionally) Cruise Control.
 */
export function kafkaResource(kafka: KafkaConfig, oauth?: OAuthListenerSettings): StrimziObject {
  const resources = kafka.componentResources;
  return {
    apiVersion: STRIMZI_API_VERSION,
    kind: "Kafka",
    metadata: { name: kafka.name, namespace: kafka.namespace },
    spec: {
      kafka: {
        version: kafka.version,
        metadataVersion: kafka.metadataVersion,
        listeners: withOAuthListener(listeners(kafka), oauth),
        authorization: { type: "simple", superUsers: [kafka.adminUser] },
        config: { ...brokerConfig(kafka), ...(oauth ? oauthBrokerConfig() : {}) },
        ...(kafka.rackAwareness ? { rack: { topologyKey: ZONE_TOPOLOGY_KEY } } : {}),
        metricsConfig: {
          type: "jmxPrometheusExporter",
          valueFrom: {
            configMapKeyRef: { name: metricsConfigMapName(kafka.name), key: KAFKA_METRICS_CONFIG_KEY },
          },
        },
        // One PodDisruptionBudget over all brokers and controllers: a drain evicts one pod at a time.
        template: { podDisruptionBudget: { maxUnavailable: 1 } },
      },
      // The program issues the cluster CA (see kafka-ca.ts); the clients CA stays Strimzi's, since
      // clients authenticate with SCRAM and it signs nothing they need.
      // The CA Secrets belong to the program: no owner reference, so deleting or replacing the Kafka
      // resource never garbage-collects them behind Pulumi's back.
      clusterCa: { generateCertificateAuthority: false, generateSecretOwnerReference: false },
      entityOperator: {
        topicOperator: { watchedNamespace: kafka.namespace, resources: resources.topicOperator },
        userOperator: { watchedNamespace: kafka.namespace, resources: resources.userOperator },
      },
      ...(kafka.kafkaExporter.enabled
        ? { kafkaExporter: { topicRegex: ".*", groupRegex: ".*", resources: resources.kafkaExporter } }
        : {}),
      ...(kafka.maintenanceTimeWindows.length > 0
        ? { maintenanceTimeWindows: kafka.maintenanceTimeWindows }
        : {}),
      ...(kafka.cruiseControl.enabled
        ? {
            cruiseControl: {
              resources: resources.cruiseControl,
              brokerCapacity: { ...kafka.cruiseControl.capacity },
              template: { podDisruptionBudget: { maxUnavailable: 1 } },
            },
          }
        : {}),
    },
  };
}

/**
 * The internal listener admits pods of the Kafka namespace and of namespaces labelled
 * `<clientNamespaceLabel>=true`; the external one only the allowed source ranges. Strimzi turns
 * `networkPolicyPeers` into the NetworkPolicy of the broker pods.
 */
function listeners(kafka: KafkaConfig): Record<string, unknown>[] {
  const internal = {
    ...INTERNAL_LISTENER,
    type: "internal",
    tls: true,
    authentication: SCRAM,
    networkPolicyPeers: [
      { podSelector: {} },
      { namespaceSelector: { matchLabels: { [kafka.clientNamespaceLabel]: "true" } } },
    ],
  };
  const external = kafka.externalListener;
  if (!external.enabled) return [internal];
  return [
    internal,
    {
      ...EXTERNAL_LISTENER,
      type: external.type,
      tls: true,
      authentication: SCRAM,
      configuration: {
        // Keeps the client's source address, so the ipBlock peers below can match it.
        externalTrafficPolicy: "Local",
        ...(external.type === "loadbalancer" ? { loadBalancerSourceRanges: external.allowedCidrs } : {}),
      },
      networkPolicyPeers: external.allowedCidrs.map((cidr) => ({ ipBlock: { cidr } })),
    },
  ];
}

/** The listeners plus, with the Keycloak add-on, the OAuth listener (same peers as the internal one). */
function withOAuthListener(
  listeners: Record<string, unknown>[],
  oauth: OAuthListenerSettings | undefined,
): Record<string, unknown>[] {
  if (!oauth) return listeners;
  return [...listeners, oauthListener(oauth, listeners[0].networkPolicyPeers as Record<string, unknown>[])];
}
