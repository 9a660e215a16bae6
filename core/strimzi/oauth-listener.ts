/**
 * The OAuth 2.0 listener of the Keycloak add-on. Strimzi 1.x has no `type: oauth`; the listener uses
 * `authentication: {type: custom, sasl: true}` with the Strimzi OAuth library's classes, which the
 * Strimzi Kafka images ship. Tokens are validated locally against the provider's JWKS, and the
 * principal is read from a claim that holds the same `<team>-<app>` name the SCRAM KafkaUser has,
 * so the intent-derived ACLs of that KafkaUser apply to OAuth clients unchanged.
 */
import type { BrokerConfig } from "./kafka-broker-config";

/** The OAuth listener (beside `tls` 9093 and `external` 9094). */
export const OAUTH_LISTENER = { name: "oauth", port: 9095 } as const;

/** Broker side: validates the bearer token of a SASL/OAUTHBEARER handshake. */
export const OAUTH_SERVER_CALLBACK_HANDLER =
  "io.strimzi.kafka.oauth.server.JaasServerOauthValidatorCallbackHandler";
/** Broker side: builds `User:<username claim>` for OAuth sessions, the default principal otherwise. */
export const OAUTH_PRINCIPAL_BUILDER = "io.strimzi.kafka.oauth.server.OAuthKafkaPrincipalBuilder";
/** Client side: fetches tokens with the client credentials grant. */
export const OAUTH_CLIENT_CALLBACK_HANDLER =
  "io.strimzi.kafka.oauth.client.JaasClientOauthLoginCallbackHandler";
export const OAUTH_BEARER_LOGIN_MODULE =
  "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
export const OAUTH_SASL_MECHANISM = "OAUTHBEARER";

/** What the listener needs of the OAuth provider. */
export interface OAuthListenerSettings {
  /** The `iss` every accepted token carries. */
  validIssuerUri: string;
  /** The provider's signing keys. */
  jwksEndpointUri: string;
  /** Token claim holding the Kafka principal name (`<team>-<app>`). */
  usernameClaim: string;
  /** Audience every accepted token must name. */
  audience: string;
  /** Encrypt the listener (required in prod by the policy oauth-listener-tls). */
  tls: boolean;
}

/** A JAAS option value: quoted, with `"` and `\` escaped. */
function jaasValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A JAAS config line for a login module with options. */
export function jaasConfig(module: string, options: Record<string, string>): string {
  const parts = Object.entries(options).map(([k, v]) => `${k}=${jaasValue(v)}`);
  return `${[module, "required", ...parts].join(" ")} ;`;
}

/**
 * The listener (Strimzi `GenericKafkaListener`), admitting the same peers as the internal one.
 * Re-authentication makes a session end when its token expires instead of living on.
 */
export function oauthListener(
  settings: OAuthListenerSettings,
  networkPolicyPeers: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    ...OAUTH_LISTENER,
    type: "internal",
    tls: settings.tls,
    authentication: {
      type: "custom",
      sasl: true,
      listenerConfig: {
        "sasl.enabled.mechanisms": OAUTH_SASL_MECHANISM,
        "oauthbearer.sasl.server.callback.handler.class": OAUTH_SERVER_CALLBACK_HANDLER,
        "oauthbearer.connections.max.reauth.ms": 3600000,
        "oauthbearer.sasl.jaas.config": jaasConfig(OAUTH_BEARER_LOGIN_MODULE, {
          // Kafka's login module wants a subject even on the server side; the library ignores it.
          unsecuredLoginStringClaim_sub: "unused",
          "oauth.valid.issuer.uri": settings.validIssuerUri,
          "oauth.jwks.endpoint.uri": settings.jwksEndpointUri,
          "oauth.username.claim": settings.usernameClaim,
          "oauth.custom.claim.check": `@.aud anyof ['${settings.audience}']`,
        }),
      },
    },
    networkPolicyPeers,
  };
}

/** Broker settings the OAuth listener needs (`spec.kafka.config`). */
export function oauthBrokerConfig(): BrokerConfig {
  return { "principal.builder.class": OAUTH_PRINCIPAL_BUILDER };
}

/** `<cluster>-kafka-bootstrap.<namespace>.svc:9095`. */
export function oauthBootstrapAddress(clusterName: string, namespace: string): string {
  return `${clusterName}-kafka-bootstrap.${namespace}.svc:${OAUTH_LISTENER.port}`;
}

/** A listener as the policies see it. */
export interface ListenerLike {
  tls?: boolean;
  authentication?: { type?: string; listenerConfig?: Record<string, unknown> };
}

/** True for a `custom` listener that authenticates with the Strimzi OAuth library (what policies call `oauth`). */
export function isStrimziOAuthListener(listener: ListenerLike): boolean {
  const auth = listener.authentication;
  return (
    auth?.type === "custom" &&
    auth.listenerConfig?.["oauthbearer.sasl.server.callback.handler.class"] === OAUTH_SERVER_CALLBACK_HANDLER
  );
}

/** The client settings of an application on the OAuth listener (client credentials grant). */
export function oauthClientConfig(opts: {
  bootstrapServers: string;
  tls: boolean;
  clientId: string;
  clientSecret: string;
  tokenEndpointUri: string;
}): Record<string, string> {
  return {
    "bootstrap.servers": opts.bootstrapServers,
    "security.protocol": opts.tls ? "SASL_SSL" : "SASL_PLAINTEXT",
    "sasl.mechanism": OAUTH_SASL_MECHANISM,
    "sasl.login.callback.handler.class": OAUTH_CLIENT_CALLBACK_HANDLER,
    "sasl.jaas.config": jaasConfig(OAUTH_BEARER_LOGIN_MODULE, {
      "oauth.client.id": opts.clientId,
      "oauth.client.secret": opts.clientSecret,
      "oauth.token.endpoint.uri": opts.tokenEndpointUri,
    }),
    "oauth.client.id": opts.clientId,
    "oauth.client.secret": opts.clientSecret,
    "oauth.token.endpoint.uri": opts.tokenEndpointUri,
  };
}
