/**
 * The Keycloak add-on as plain data: where Keycloak answers, the realm with one confidential client
 * per team application (client credentials grant, client id = Kafka principal), the settings of
 * the Kafka OAuth listener, and the values of the keycloakx chart.
 *
 * Principal mapping: every client carries a hard-coded claim `kafka_principal: <team>-<app>`, and
 * the listener reads the principal from it. The broker therefore sees `User:<team>-<app>` for both
 * SCRAM and OAuth sessions, and the KafkaUser's ACLs (compiled from the team file's intents) apply
 * to both. Human logins carry no such claim and are refused by the listener.
 */
import { createHash } from "crypto";
import { stringify } from "yaml";
import type { KeycloakConfig } from "../config/addons";
import { OAuthListenerSettings } from "../strimzi/oauth-listener";
import type { Team, TeamApplication } from "../teams";

/** Helm release (and `fullnameOverride`): Keycloak's Services are `keycloak-http`, `keycloak-headless`. */
export const KEYCLOAK_RELEASE = "keycloak";
/** The claim that names the Kafka principal. */
export const PRINCIPAL_CLAIM = "kafka_principal";

/** Objects in the Keycloak namespace besides the chart's. */
export const KEYCLOAK_OBJECTS = {
  /** Bootstrap admin (`username`, `password`), also used by the realm Job. */
  adminSecret: "keycloak-admin",
  /** The database: StatefulSet, Service and Secret (`password`). */
  database: "keycloak-db",
  /** The realm file (with client secrets) the realm Job applies. */
  realmSecret: "keycloak-realm",
  /** The Job that applies the realm (keycloak-config-cli). */
  realmJob: "keycloak-realm",
} as const;
export const DATABASE = { name: "keycloak", user: "keycloak", port: 5432, passwordKey: "password" } as const;

/** Keycloak's URLs inside the cluster. The issuer is pinned by `KC_HOSTNAME`, so tokens match it. */
export function keycloakUrls(config: KeycloakConfig) {
  const base = `http://${KEYCLOAK_RELEASE}-http.${config.namespace}.svc`;
  const issuer = `${base}/realms/${config.realm}`;
  return {
    base,
    issuer,
    jwks: `${issuer}/protocol/openid-connect/certs`,
    token: `${issuer}/protocol/openid-connect/token`,
  };
}

/** The Kafka OAuth listener's view of the realm. */
export function oauthListenerSettings(config: KeycloakConfig): OAuthListenerSettings {
  const urls = keycloakUrls(config);
  return {
    validIssuerUri: urls.issuer,
    jwksEndpointUri: urls.jwks,
    usernameClaim: PRINCIPAL_CLAIM,
    audience: config.audience,
    tls: config.listener.tls,
  };
}

/** Every team application, each of which gets a client. */
export function oauthApplications(teams: readonly Team[]): { team: Team; app: TeamApplication }[] {
  return teams.flatMap((team) => team.applications.map((app) => ({ team, app })));
}

/** The Secret in the team's namespace with the application's OAuth client settings. */
export function oauthCredentialsSecretName(app: string): string {
  return `${app}-kafka-oauth`;
}

/** One confidential client per application: client credentials only, principal and audience claims. */
export function keycloakClient(
  app: TeamApplication,
  audience: string,
  secret: string,
): Record<string, unknown> {
  return {
    clientId: app.principal,
    name: `${app.team}/${app.name}`,
    description: `Kafka client of application ${app.name} of team ${app.team}`,
    enabled: true,
    protocol: "openid-connect",
    publicClient: false,
    clientAuthenticatorType: "client-secret",
    secret,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    protocolMappers: [
      {
        name: "kafka-principal",
        protocol: "openid-connect",
        protocolMapper: "oidc-hardcoded-claim-mapper",
        config: {
          "claim.name": PRINCIPAL_CLAIM,
          "claim.value": app.principal,
          "jsonType.label": "String",
          "access.token.claim": "true",
          "id.token.claim": "false",
          "userinfo.token.claim": "false",
        },
      },
      {
        name: "kafka-audience",
        protocol: "openid-connect",
        protocolMapper: "oidc-audience-mapper",
        config: {
          "included.custom.audience": audience,
          "access.token.claim": "true",
          "id.token.claim": "false",
        },
      },
    ],
  };
}

/** The realm as keycloak-config-cli applies it; `secrets` maps principal → client secret. */
export function keycloakRealm(
  config: KeycloakConfig,
  teams: readonly Team[],
  secrets: Record<string, string>,
): Record<string, unknown> {
  return {
    realm: config.realm,
    enabled: true,
    // Tokens live five minutes; the OAuth listener re-authenticates sessions when they expire.
    accessTokenLifespan: 300,
    clients: oauthApplications(teams).map(({ app }) => {
      const secret = secrets[app.principal];
      if (secret === undefined) throw new Error(`no client secret for ${app.principal}`);
      return keycloakClient(app, config.audience, secret);
    }),
  };
}

/** A digest of the realm without its secrets: a change re-runs the realm Job. */
export function realmDigest(config: KeycloakConfig, teams: readonly Team[]): string {
  const redacted = Object.fromEntries(oauthApplications(teams).map(({ app }) => [app.principal, ""]));
  const text = JSON.stringify(keycloakRealm(config, teams, redacted));
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** Values of the keycloakx chart: PostgreSQL from the add-on, the issuer pinned to the in-cluster URL. */
export function keycloakValues(config: KeycloakConfig): Record<string, unknown> {
  const secretEnv = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  return {
    fullnameOverride: KEYCLOAK_RELEASE,
    replicas: config.replicas,
    resources: config.resources,
    command: ["/opt/keycloak/bin/kc.sh", "start"],
    http: { relativePath: "/" },
    database: {
      vendor: "postgres",
      hostname: KEYCLOAK_OBJECTS.database,
      port: DATABASE.port,
      database: DATABASE.name,
      username: DATABASE.user,
      existingSecret: KEYCLOAK_OBJECTS.database,
      existingSecretKey: DATABASE.passwordKey,
    },
    dbchecker: { enabled: true },
    podDisruptionBudget: config.replicas > 1 ? { maxUnavailable: 1 } : {},
    // The chart passes these through `tpl`, so they are YAML text.
    extraEnv: stringify([
      { name: "KC_HOSTNAME", value: keycloakUrls(config).base },
      secretEnv("KC_BOOTSTRAP_ADMIN_USERNAME", KEYCLOAK_OBJECTS.adminSecret, "username"),
      secretEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_OBJECTS.adminSecret, "password"),
    ]),
  };
}
