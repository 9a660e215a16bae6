import { strict as assert } from "assert";
import { kafkaAuthorization } from "../../rules/kafka-authorization";
import { kafka, messages } from "../helpers";

describe("policy kafka-authorization", () => {
  const policies = [kafkaAuthorization()];

  it("accepts simple authorization", async () => {
    assert.deepEqual(await messages(policies, [kafka()]), []);
  });

  it("rejects a cluster without authorization or with custom authorization", async () => {
    const none = kafka();
    delete (none.inputs.spec as { kafka: Record<string, unknown> }).kafka.authorization;
    assert.match((await messages(policies, [none]))[0], /Kafka "kafka" has authorization disabled/);
    const custom = kafka();
    (custom.inputs.spec as { kafka: Record<string, unknown> }).kafka.authorization = { type: "custom" };
    assert.match((await messages(policies, [custom]))[0], /authorization "custom"/);
  });

  it("allows only the configured super users", async () => {
    const k = kafka();
    (k.inputs.spec as { kafka: { authorization: { superUsers: string[] } } }).kafka.authorization.superUsers =
      ["platform-admin", "payments-order-service"];
    const [m, ...rest] = await messages(policies, [k]);
    assert.equal(rest.length, 0);
    assert.match(m, /makes payments-order-service super user\(s\), bypassing every ACL/);
    const config = { "kafka-authorization": { superUsers: ["platform-admin", "payments-order-service"] } };
    assert.deepEqual(await messages(policies, [k], { config }), []);
  });
});
