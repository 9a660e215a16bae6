import { z } from "zod";
import { ContainerResources, Environment, KubernetesNamespace, StorageSize } from "./environment";
import { ChartSource as PinnedChart } from "./chart-source";

/** A container image with an explicit tag (no `latest`: renders must be reproducible). */
const PinnedImage = z
  .string()
  .regex(/^[a-z0-9.-]+(?::[0-9]+)?\/[a-z0-9._/-]+:[A-Za-z0-9._-]+$/, "an image with a registry and tag")
  .refine((image) => !image.endsWith(":latest"), "pin a version, not latest");

/** Argo CD: GitOps delivery of the teams' own workloads into their namespaces. */
export const ArgoCdConfig = z.strictObject({
  enabled: z
    .boolean()
    .describe("Install Argo CD with an AppProject and an Application per team with `gitops`."),
  namespace: KubernetesNamespace.describe("Namespace of Argo CD, its AppProjects and Applications."),
  chart: PinnedChart.describe("The argo/argo-cd chart."),
});
export type ArgoCdConfig = z.infer<typeof ArgoCdConfig>;

/** Keycloak as OAuth 2.0 / OIDC provider for a second Kafka listener (SCRAM stays the default). */
export const KeycloakConfig = z.strictObject({
  enabled: z
    .boolean()
    .describe("Install Keycloak, a realm with a client per team application, and the OAuth listener."),
  namespace: KubernetesNamespace.describe("Namespace of Keycloak and its database."),
  chart: PinnedChart.describe("The codecentric keycloakx chart."),
  replicas: z.number().int().min(1).describe("Keycloak replicas."),
  resources: ContainerResources.describe("Keycloak container requests and limits."),
  realm: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, "a lower-case realm name")
    .describe("The realm holding one client per team application."),
  audience: z
    .string()
    .min(1)
    .describe("Audience every client's tokens carry and the OAuth listener requires."),
  database: z
    .strictObject({
      image: PinnedImage.describe("PostgreSQL image, e.g. docker.io/library/postgres:17.6."),
      storageSize: StorageSize.describe("Volume of the database."),
    })
    .describe("Keycloak's PostgreSQL database (one StatefulSet replica)."),
  configCliImage: PinnedImage.describe(
    "adorsys/keycloak-config-cli image that applies the realm (matching the Keycloak major version).",
  ),
  listener: z
    .strictObject({
      tls: z
        .boolean()
        .describe("Encrypt the OAuth listener (the policy oauth-listener-tls requires it in prod)."),
    })
    .describe("The Kafka OAuth listener (`oauth`, port 9095)."),
});
export type KeycloakConfig = z.infer<typeof KeycloakConfig>;

/** Optional add-ons, off by default. */
export const AddonsConfig = z.strictObject({
  argocd: ArgoCdConfig.describe("Argo CD for team applications."),
  keycloak: KeycloakConfig.describe("Keycloak (OIDC) for Kafka authentication."),
});
export type AddonsConfig = z.infer<typeof AddonsConfig>;

export function addonsDefaults(env: Environment): Record<string, unknown> {
  const prod = env === "prod";
  return {
    argocd: {
      enabled: false,
      namespace: "argocd",
      chart: { repo: "https://argoproj.github.io/argo-helm", chart: "argo-cd", version: "10.1.1" },
    },
    keycloak: {
      enabled: false,
      namespace: "keycloak",
      chart: { repo: "https://codecentric.github.io/helm-charts", chart: "keycloakx", version: "7.1.11" },
      replicas: prod ? 2 : 1,
      resources: prod
        ? { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } }
        : { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      realm: "kafka",
      audience: "kafka",
      database: { image: "docker.io/library/postgres:17.6", storageSize: prod ? "20Gi" : "5Gi" },
      configCliImage: "docker.io/adorsys/keycloak-config-cli:6.4.0-26.1.0",
      listener: { tls: true },
    },
  };
}

/**
 * Namespaces of the add-ons, enabled or not: no team may use them. Reserved while an add-on is off
 * too, so that a team cannot claim one and block the platform from enabling the add-on later.
 */
export function addonNamespaces(addons: AddonsConfig): string[] {
  return [addons.argocd, addons.keycloak].map((a) => a.namespace);
}
