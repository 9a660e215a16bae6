import { strict as assert } from "assert";
import { oauthListener } from "../../../core/strimzi/oauth-listener";
import { oauthListenerTls } from "../../rules/oauth-listener-tls";
import { kafkaListenerSecurity } from "../../rules/kafka-listener-security";
import { kafka, messages } from "../helpers";

describe("policy oauth-listener-tls", () => {
  const policies = [oauthListenerTls()];
  const settings = {
    validIssuerUri: "http://keycloak-http.keycloak.svc/realms/kafka",
    jwksEndpointUri: "http://keycloak-http.keycloak.svc/realms/kafka/protocol/openid-connect/certs",
    usernameClaim: "kafka_principal",
    audience: "kafka",
  };
  const scram = {
    name: "tls",
    port: 9093,
    type: "internal",
    tls: true,
    authentication: { type: "scram-sha-512" },
  };
  const builder = { "principal.builder.class": "io.strimzi.kafka.oauth.server.OAuthKafkaPrincipalBuilder" };
  const withOAuth = (tls: boolean, env: "dev" | "prod" = "prod", config: Record<string, unknown> = builder) =>
    kafka({ env, config, listeners: [scram, oauthListener({ ...settings, tls }, [])] });

  it("accepts an encrypted OAuth listener with the OAuth principal builder (as the program renders it)", async () => {
    assert.deepEqual(await messages(policies, [withOAuth(true)]), []);
  });

  it("rejects an unencrypted OAuth listener in prod, not in dev", async () => {
    const [m, ...rest] = await messages(policies, [withOAuth(false)]);
    assert.deepEqual(rest, []);
    assert.match(
      m,
      /OAuth listener "oauth" \(port 9095\) sends bearer tokens unencrypted; set tls: true \(required in prod\)/,
    );
    assert.deepEqual(await messages(policies, [withOAuth(false, "dev")]), []);
  });

  it("rejects an OAuth listener without the OAuth principal builder", async () => {
    const [m] = await messages(policies, [withOAuth(true, "prod", {})]);
    assert.match(m, /has an OAuth listener but principal\.builder\.class is unset/);
  });

  it("ignores clusters without an OAuth listener and other custom listeners", async () => {
    const custom = {
      ...scram,
      name: "other",
      port: 9096,
      tls: false,
      authentication: { type: "custom", sasl: true },
    };
    assert.deepEqual(await messages(policies, [kafka({ listeners: [scram, custom] })]), []);
  });

  it("takes the TLS environments from config", async () => {
    const config = { "oauth-listener-tls": { tlsRequiredIn: ["dev", "prod"] } };
    assert.equal((await messages(policies, [withOAuth(false, "dev")], { config })).length, 1);
  });

  it("kafka-listener-security counts the Strimzi OAuth listener as `oauth` (allowed by default), other custom ones not", async () => {
    const security = [kafkaListenerSecurity()];
    assert.deepEqual(await messages(security, [withOAuth(true)]), []);
    const config = { "kafka-listener-security": { allowedAuthentication: ["scram-sha-512"] } };
    assert.match((await messages(security, [withOAuth(true)], { config }))[0], /uses authentication "oauth"/);
  });
});
