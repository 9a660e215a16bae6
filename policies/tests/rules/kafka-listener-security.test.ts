import { strict as assert } from "assert";
import { oauthListener } from "../../../core/strimzi/oauth-listener";
import { oauthListenerTls } from "../../rules/oauth-listener-tls";
import { kafkaListenerSecurity } from "../../rules/kafka-listener-security";
import { check, kafka, messages } from "../helpers";

describe("policy kafka-listener-security", () => {
  const policies = [kafkaListenerSecurity()];
  const plain = {
    name: "plain",
    port: 9092,
    type: "internal",
    tls: false,
    authentication: { type: "scram-sha-512" },
  };

  it("accepts TLS listeners with SCRAM-SHA-512", async () => {
    assert.deepEqual(await messages(policies, [kafka()]), []);
  });

  it("rejects an unauthenticated listener", async () => {
    const open = { name: "open", port: 9094, type: "internal", tls: true };
    const [m] = await messages(policies, [kafka({ listeners: [open] })]);
    assert.match(m, /listener "open" \(port 9094\) accepts unauthenticated clients/);
  });

  it("rejects a listener without TLS in prod but not in dev", async () => {
    const [m] = await messages(policies, [kafka({ listeners: [plain] })]);
    assert.match(m, /listener "plain" \(port 9092\) is not encrypted; set tls: true \(required in prod\)/);
    assert.deepEqual(await messages(policies, [kafka({ env: "dev", listeners: [plain] })]), []);
  });

  it("rejects a cluster without listeners and disallowed authentication types", async () => {
    assert.equal((await messages(policies, [kafka({ listeners: [] })])).length, 1);
    const custom = { ...plain, tls: true, authentication: { type: "custom" } };
    assert.match(
      (await messages(policies, [kafka({ listeners: [custom] })]))[0],
      /uses authentication "custom"/,
    );
  });

  it("takes the TLS environments from config", async () => {
    const config = { "kafka-listener-security": { tlsRequiredIn: ["dev", "prod"] } };
    assert.equal(
      (await messages(policies, [kafka({ env: "dev", listeners: [plain] })], { config })).length,
      1,
    );
  });

  it("rejects a listener without a tls field in prod", async () => {
    const { tls: _tls, ...noTls } = plain;
    assert.equal(_tls, false);
    const [m, ...rest] = await messages(policies, [kafka({ listeners: [noTls] })]);
    assert.deepEqual(rest, []);
    assert.match(m, /listener "plain" \(port 9092\) is not encrypted; set tls: true \(required in prod\)/);
  });

  it("leaves the TLS of an OAuth listener to oauth-listener-tls, so it is reported once", async () => {
    const oauth = oauthListener(
      {
        validIssuerUri: "http://keycloak-http.keycloak.svc/realms/kafka",
        jwksEndpointUri: "http://keycloak-http.keycloak.svc/realms/kafka/protocol/openid-connect/certs",
        usernameClaim: "kafka_principal",
        audience: "kafka",
        tls: false,
      },
      [],
    );
    const cluster = kafka({
      listeners: [oauth],
      config: { "principal.builder.class": "io.strimzi.kafka.oauth.server.OAuthKafkaPrincipalBuilder" },
    });
    assert.deepEqual(await messages(policies, [cluster]), []);
    const run = await check([kafkaListenerSecurity(), oauthListenerTls()], [cluster]);
    assert.deepEqual(
      run.violations.map((v) => v.policy),
      ["oauth-listener-tls"],
    );
  });
});
