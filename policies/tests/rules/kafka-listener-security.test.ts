import { strict as assert } from "assert";
import { kafkaListenerSecurity } from "../../rules/kafka-listener-security";
import { kafka, messages } from "../helpers";

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
});
