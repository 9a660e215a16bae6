/**
 * Group configs of the teams' share groups (`share.auto.offset.reset`, …), applied to the cluster
 * by a Kubernetes Job that runs Kafka's own `kafka-configs.sh` as the platform admin: Strimzi has no
 * resource for group configs (docs/architecture.md, "Group configs"). The Job's name carries a hash
 * of what it sets, so a changed setting is a new Job (and runs again) and an unchanged one is not.
 */
import { createHash } from "node:crypto";
import type { KafkaConfig } from "../config";
import { TEAM_LABEL } from "../labels";
import { SHARE_GROUP_CONFIG_NAMES } from "../teams/group-configs";
import type { Team } from "../teams/model";
import { ADMIN_PASSWORD_KEY } from "./kafka-admin-user";
import { CA_CERT_KEY } from "./kafka-ca";
import { adminPasswordSecretName, internalBootstrapAddress } from "./kafka-object";

/** What one group's configs must become: `set` as declared; `delete` the managed names not declared (back to the broker default). */
export interface GroupConfigChange {
  group: string;
  set: Record<string, string | number>;
  delete: string[];
}

/** The desired group configs of a team's share groups (every share group, so removing a setting resets it). */
export function groupConfigChanges(team: Team): GroupConfigChange[] {
  return team.applications.flatMap((app) => {
    if (!app.shareGroup) return [];
    const set = app.shareGroup.configs;
    const managed = Object.values(SHARE_GROUP_CONFIG_NAMES) as string[];
    return [{ group: app.shareGroup.id, set, delete: managed.filter((name) => !(name in set)) }];
  });
}

/**
 * The arguments of `kafka-configs.sh` (after `--bootstrap-server` and `--command-config`) that
 * apply one change; an IncrementalAlterConfigs on the GROUP resource, so it is idempotent.
 */
export function kafkaConfigsArgs(change: GroupConfigChange): string[] {
  const args = ["--alter", "--entity-type", "groups", "--entity-name", change.group];
  const set = Object.entries(change.set).map(([k, v]) => `${k}=${v}`);
  if (set.length > 0) args.push("--add-config", set.join(","));
  if (change.delete.length > 0) args.push("--delete-config", change.delete.join(","));
  return args;
}

/** The Strimzi Kafka image of the cluster (same image the brokers run, so already on the nodes). */
export function strimziKafkaImage(strimziVersion: string, kafkaVersion: string): string {
  return `quay.io/strimzi/kafka:${strimziVersion}-kafka-${kafkaVersion}`;
}

const CA_DIR = "/etc/kafka-ca";

/** POSIX shell single quotes. */
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The shell script of the Job: admin client properties from the mounted Secrets, then one kafka-configs.sh per group. */
export function groupConfigScript(kafka: KafkaConfig, changes: GroupConfigChange[]): string {
  const bootstrap = internalBootstrapAddress(kafka.name, kafka.namespace);
  const base = `/opt/kafka/bin/kafka-configs.sh --bootstrap-server ${bootstrap} --command-config /tmp/admin.properties`;
  return [
    "set -eu",
    "umask 077",
    // The password goes into the file only, never onto a command line.
    "cat > /tmp/admin.properties <<EOF",
    "security.protocol=SASL_SSL",
    "sasl.mechanism=SCRAM-SHA-512",
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${kafka.adminUser}" password="$ADMIN_PASSWORD";`,
    "ssl.truststore.type=PEM",
    `ssl.truststore.location=${CA_DIR}/${CA_CERT_KEY}`,
    "EOF",
    ...changes.map((c) => `${base} ${kafkaConfigsArgs(c).map(quote).join(" ")}`),
  ].join("\n");
}

/** `<team>-group-configs-<hash>`: a new name (a new Job) whenever the desired configs change. */
export function groupConfigJobName(team: string, changes: GroupConfigChange[], image: string): string {
  const hash = createHash("sha256").update(JSON.stringify({ changes, image })).digest("hex").slice(0, 10);
  return `${team}-group-configs-${hash}`;
}

/** The Job as plain data (a `batch/v1` Job in the Kafka namespace), or undefined when the team has no share group. */
export function groupConfigJob(team: Team, kafka: KafkaConfig, strimziVersion: string) {
  const changes = groupConfigChanges(team);
  if (changes.length === 0) return undefined;
  const image = strimziKafkaImage(strimziVersion, kafka.version);
  return {
    apiVersion: "batch/v1" as const,
    kind: "Job" as const,
    metadata: {
      name: groupConfigJobName(team.name, changes, image),
      namespace: kafka.namespace,
      labels: { "app.kubernetes.io/name": "group-configs", [TEAM_LABEL]: team.name },
    },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 600,
      template: {
        spec: {
          restartPolicy: "OnFailure",
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "kafka-configs",
              image,
              command: ["/bin/bash", "-c", groupConfigScript(kafka, changes)],
              env: [
                // kafka-run-class.sh creates its log directory; the root filesystem is read-only.
                { name: "LOG_DIR", value: "/tmp/logs" },
                {
                  name: "ADMIN_PASSWORD",
                  valueFrom: {
                    secretKeyRef: { name: adminPasswordSecretName(kafka.adminUser), key: ADMIN_PASSWORD_KEY },
                  },
                },
              ],
              volumeMounts: [
                { name: "cluster-ca", mountPath: CA_DIR, readOnly: true },
                { name: "tmp", mountPath: "/tmp" },
              ],
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
            },
          ],
          volumes: [
            { name: "cluster-ca", secret: { secretName: `${kafka.name}-cluster-ca-cert` } },
            { name: "tmp", emptyDir: {} },
          ],
        },
      },
    },
  };
}
