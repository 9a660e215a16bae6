import type { KafkaConfig } from "../config";
import { STRIMZI_CLUSTER_LABEL } from "../labels";
import { adminPasswordSecretName, STRIMZI_API_VERSION, StrimziObject } from "./kafka-object";

/** Key of the password in the admin password Secret. */
export const ADMIN_PASSWORD_KEY = "password";

/**
 * The platform admin: a SCRAM-SHA-512 KafkaUser whose password the program generates and keeps in
 * `<user>-password`. It needs no ACLs, being a super user of the cluster (`authorization.superUsers`).
 */
export function adminKafkaUser(kafka: KafkaConfig): StrimziObject {
  return {
    apiVersion: STRIMZI_API_VERSION,
    kind: "KafkaUser",
    metadata: {
      name: kafka.adminUser,
      namespace: kafka.namespace,
      labels: { [STRIMZI_CLUSTER_LABEL]: kafka.name },
    },
    spec: {
      authentication: {
        type: "scram-sha-512",
        password: {
          valueFrom: {
            secretKeyRef: { name: adminPasswordSecretName(kafka.adminUser), key: ADMIN_PASSWORD_KEY },
          },
        },
      },
    },
  };
}
