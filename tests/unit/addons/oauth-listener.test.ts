import * as assert from "assert";
import {
  isStrimziOAuthListener,
  jaasConfig,
  oauthClientConfig,
  oauthListener,
} from "../../../core/strimzi/oauth-listener";

describe("core/strimzi/oauth-listener", () => {
  const settings = {
    validIssuerUri: "http://kc/realms/kafka",
    jwksEndpointUri: "http://kc/realms/kafka/protocol/openid-connect/certs",
    usernameClaim: "kafka_principal",
    audience: "kafka",
    tls: true,
  };

  it("quotes and escapes JAAS option values", () => {
    assert.strictEqual(jaasConfig("M", { a: 'x"y', b: "c\\d" }), 'M required a="x\\"y" b="c\\\\d" ;');
  });

  it("recognises its own listener as Strimzi OAuth, and neither SCRAM nor other custom listeners", () => {
    assert.strictEqual(isStrimziOAuthListener(oauthListener(settings, []) as never), true);
    assert.strictEqual(isStrimziOAuthListener({ authentication: { type: "scram-sha-512" } }), false);
    assert.strictEqual(
      isStrimziOAuthListener({
        authentication: { type: "custom", listenerConfig: { "sasl.enabled.mechanisms": "PLAIN" } },
      }),
      false,
    );
  });

  it("client settings: SASL_SSL on a TLS listener, SASL_PLAINTEXT otherwise, credentials in the JAAS line", () => {
    const base = {
      bootstrapServers: "b:9095",
      clientId: "t-a",
      clientSecret: "s3cret",
      tokenEndpointUri: "http://kc/token",
    };
    const tls = oauthClientConfig({ ...base, tls: true });
    assert.strictEqual(tls["security.protocol"], "SASL_SSL");
    assert.strictEqual(oauthClientConfig({ ...base, tls: false })["security.protocol"], "SASL_PLAINTEXT");
    assert.strictEqual(
      tls["sasl.jaas.config"],
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required oauth.client.id="t-a" oauth.client.secret="s3cret" oauth.token.endpoint.uri="http://kc/token" ;',
    );
  });
});
