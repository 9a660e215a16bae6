/**
 * Kubernetes names of the objects made from team files. They derive only from the team, topic and
 * application names, so they never change unless those names change.
 */
import { createHash } from "crypto";

/** DNS-1123 subdomain: what Kubernetes accepts as `metadata.name` of most objects. */
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME = 253;

export function isKubernetesName(name: string): boolean {
  return name.length <= MAX_NAME && DNS_SUBDOMAIN.test(name);
}

/**
 * `metadata.name` of a topic's KafkaTopic: the topic name when it is a valid Kubernetes name,
 * otherwise (upper case, `_`, …) a sanitised form plus a hash of the exact topic name, so two
 * topics never share a name; such KafkaTopics set `spec.topicName`.
 */
export function topicResourceName(topic: string): string {
  if (isKubernetesName(topic)) return topic;
  const hash = createHash("sha256").update(topic).digest("hex").slice(0, 8);
  const base = topic
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, "-")
    .split(".")
    .map((segment) => segment.replace(/^-+|-+$/g, ""))
    .filter((segment) => segment !== "")
    .join(".")
    .slice(0, MAX_NAME - hash.length - 1)
    .replace(/[.-]+$/, "");
  return base ? `${base}-${hash}` : `topic-${hash}`;
}

/** The default name of the platform's Kafka super user (`kafka-platform:kafka.adminUser`). */
export const DEFAULT_ADMIN_USER = "platform-admin";

/** The Kafka principal and KafkaUser name of an application. */
export function principalName(team: string, app: string): string {
  return `${team}-${app}`;
}

/** An application's id under its team's prefix: its default consumer group, transactional id and Streams application.id. */
export function applicationId(prefix: string, app: string): string {
  return `${prefix}.${app}`;
}

/**
 * The Secret in the Kafka namespace that holds an application's password for the User Operator.
 * The `.` keeps it apart from the Secret the User Operator itself writes (named like the user).
 */
export function passwordSecretName(principal: string): string {
  return `${principal}.password`;
}

/** The Secret in the team's namespace with everything an application needs to connect. */
export function credentialsSecretName(app: string): string {
  return `${app}-kafka-credentials`;
}
