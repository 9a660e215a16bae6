/**
 * Names, ports and labels of the Strimzi objects the platform declares. The listener and Secret names
 * are part of Strimzi's contract (`<cluster>-kafka-bootstrap`, `<cluster>-cluster-ca-cert`, …).
 */

/** The only Strimzi API served since Strimzi 1.0. */
export const STRIMZI_API_VERSION = "kafka.strimzi.io/v1";

/** A Strimzi custom resource as plain data (what a `CustomResource` is given). */
export interface StrimziObject {
  apiVersion: typeof STRIMZI_API_VERSION;
  kind: "Kafka" | "KafkaNodePool" | "KafkaUser" | "KafkaTopic";
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/** The internal TLS + SCRAM-SHA-512 listener every client uses inside the cluster. */
export const INTERNAL_LISTENER = { name: "tls", port: 9093 } as const;
/** The optional external TLS + SCRAM-SHA-512 listener. */
export const EXTERNAL_LISTENER = { name: "external", port: 9094 } as const;

/** Strimzi's label for the pods of one node pool. */
export const STRIMZI_POOL_NAME_LABEL = "strimzi.io/pool-name";
/** Strimzi's label naming the kind of the owning resource (`Kafka` for the CA Secrets). */
export const STRIMZI_KIND_LABEL = "strimzi.io/kind";
/** The zone label of Kubernetes nodes: the broker rack and the spread domain. */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
export const HOSTNAME_TOPOLOGY_KEY = "kubernetes.io/hostname";

/** `<cluster>-kafka-bootstrap.<namespace>.svc:9093`: the internal TLS bootstrap address. */
export function internalBootstrapAddress(clusterName: string, namespace: string): string {
  return `${clusterName}-kafka-bootstrap.${namespace}.svc:${INTERNAL_LISTENER.port}`;
}

/** The ConfigMap holding the JMX Prometheus exporter rules of the brokers and controllers. */
export function metricsConfigMapName(clusterName: string): string {
  return `${clusterName}-kafka-metrics`;
}

/** The Secret the admin KafkaUser's password is read from (the user operator writes `<user>` itself). */
export function adminPasswordSecretName(adminUser: string): string {
  return `${adminUser}-password`;
}
