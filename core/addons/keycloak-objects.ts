/**
 * Kubernetes objects of the Keycloak add-on beside the chart, as plain specs: Keycloak's PostgreSQL
 * database (one StatefulSet replica with a volume) and the Job that applies the realm with
 * keycloak-config-cli (idempotent: adds, updates and removes the clients of the realm file).
 */
import type { KeycloakConfig } from "../config/addons";
import { DATABASE, KEYCLOAK_OBJECTS, keycloakUrls } from "./keycloak";

const DB_LABELS = { "app.kubernetes.io/name": KEYCLOAK_OBJECTS.database };
const REALM_MOUNT = "/config";
/** Annotation on the realm Job's pod: the realm digest; a new digest replaces the Job. */
export const REALM_DIGEST_ANNOTATION = "kafka-platform.io/realm-digest";
/** The realm file's key in its Secret. */
export const REALM_FILE_KEY = "realm.json";

export function databaseServiceSpec() {
  return {
    selector: DB_LABELS,
    ports: [{ name: "postgres", port: DATABASE.port, targetPort: DATABASE.port }],
  };
}

export function databaseStatefulSetSpec(config: KeycloakConfig) {
  return {
    serviceName: KEYCLOAK_OBJECTS.database,
    replicas: 1,
    selector: { matchLabels: DB_LABELS },
    template: {
      metadata: { labels: DB_LABELS },
      spec: {
        // The image's `postgres` user; the volume is made writable for its group.
        securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999, runAsNonRoot: true },
        containers: [
          {
            name: "postgres",
            image: config.database.image,
            ports: [{ name: "postgres", containerPort: DATABASE.port }],
            env: [
              { name: "POSTGRES_DB", value: DATABASE.name },
              { name: "POSTGRES_USER", value: DATABASE.user },
              {
                name: "POSTGRES_PASSWORD",
                valueFrom: {
                  secretKeyRef: { name: KEYCLOAK_OBJECTS.database, key: DATABASE.passwordKey },
                },
              },
              { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
            ],
            readinessProbe: {
              exec: { command: ["pg_isready", "-U", DATABASE.user, "-d", DATABASE.name] },
              periodSeconds: 10,
            },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: "data" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: config.database.storageSize } },
        },
      },
    ],
  };
}

/** The realm Job: waits for Keycloak, then applies every file in the realm Secret. */
export function realmJobSpec(config: KeycloakConfig, digest: string) {
  const admin = (key: string) => ({ secretKeyRef: { name: KEYCLOAK_OBJECTS.adminSecret, key } });
  return {
    backoffLimit: 6,
    template: {
      metadata: { annotations: { [REALM_DIGEST_ANNOTATION]: digest } },
      spec: {
        restartPolicy: "OnFailure",
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        containers: [
          {
            name: "keycloak-config-cli",
            image: config.configCliImage,
            env: [
              { name: "KEYCLOAK_URL", value: keycloakUrls(config).base },
              { name: "KEYCLOAK_USER", valueFrom: admin("username") },
              { name: "KEYCLOAK_PASSWORD", valueFrom: admin("password") },
              { name: "KEYCLOAK_AVAILABILITYCHECK_ENABLED", value: "true" },
              { name: "KEYCLOAK_AVAILABILITYCHECK_TIMEOUT", value: "300s" },
              { name: "IMPORT_FILES_LOCATIONS", value: `${REALM_MOUNT}/*` },
              // Clients it created and the file no longer lists (a removed application) are deleted.
              { name: "IMPORT_MANAGED_CLIENT", value: "full" },
            ],
            volumeMounts: [{ name: "realm", mountPath: REALM_MOUNT, readOnly: true }],
          },
        ],
        volumes: [{ name: "realm", secret: { secretName: KEYCLOAK_OBJECTS.realmSecret } }],
      },
    },
  };
}
