import { STRIMZI_CLUSTER_LABEL } from "../labels";
import { STRIMZI_KIND_LABEL } from "./kafka-object";

/**
 * The cluster CA the program provides instead of letting Strimzi generate one
 * (`clusterCa.generateCertificateAuthority: false`), so that its certificate is known at deploy time.
 * Strimzi finds the CA in two Secrets with fixed names, labels and generation annotations.
 */

/** Key of the CA certificate (PEM) in `<cluster>-cluster-ca-cert`. */
export const CA_CERT_KEY = "ca.crt";
/** Key of the CA private key (PEM) in `<cluster>-cluster-ca`. */
export const CA_KEY_KEY = "ca.key";
/** Strimzi compares this annotation to detect a renewed CA certificate. */
export const CA_CERT_GENERATION_ANNOTATION = "strimzi.io/ca-cert-generation";
/** Strimzi compares this annotation to detect a replaced CA key. */
export const CA_KEY_GENERATION_ANNOTATION = "strimzi.io/ca-key-generation";

export interface SecretMetadata {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Metadata of the two cluster CA Secrets of a Kafka cluster. */
export function clusterCaSecrets(
  clusterName: string,
  namespace: string,
  generation: number,
): { cert: SecretMetadata; key: SecretMetadata } {
  const labels = { [STRIMZI_KIND_LABEL]: "Kafka", [STRIMZI_CLUSTER_LABEL]: clusterName };
  return {
    cert: {
      name: `${clusterName}-cluster-ca-cert`,
      namespace,
      labels,
      annotations: { [CA_CERT_GENERATION_ANNOTATION]: String(generation) },
    },
    key: {
      name: `${clusterName}-cluster-ca`,
      namespace,
      labels,
      // The key is never rotated by configuration (see docs/kafka-cluster.md), so its generation stays 0.
      annotations: { [CA_KEY_GENERATION_ANNOTATION]: "0" },
    },
  };
}

/** Subject of the CA certificate; it must stay the same across renewals (clients match issuers by it). */
export function clusterCaSubject(clusterName: string, namespace: string) {
  return { commonName: `cluster-ca ${namespace}/${clusterName}`, organization: "kafka-platform" };
}
