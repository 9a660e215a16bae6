import { strict as assert } from "assert";
import { userQuotaCeilings } from "../../rules/user-quota-ceilings";
import { messages, user } from "../helpers";

describe("policy user-quota-ceilings", () => {
  const policies = [userQuotaCeilings()];

  it("accepts quotas within the ceilings", async () => {
    assert.deepEqual(await messages(policies, [user()]), []);
    assert.deepEqual(await messages(policies, [user(undefined, { env: "dev" })]), []);
  });

  it("rejects quotas above the prod ceilings, one message per field", async () => {
    const greedy = user(undefined, {
      spec: {
        quotas: { producerByteRate: 9007199254740991, consumerByteRate: 1, requestPercentage: 100000 },
      },
    });
    assert.deepEqual(await messages(policies, [greedy]), [
      'user "payments-order-service" has producerByteRate 9007199254740991, above the prod ceiling of 52428800; lower `quotas.producerByteRate`',
      'user "payments-order-service" has requestPercentage 100000, above the prod ceiling of 200; lower `quotas.requestPercentage`',
    ]);
  });

  it("has ceilings per environment, configurable", async () => {
    const u = user(undefined, { env: "dev", spec: { quotas: { producerByteRate: 20971520 } } });
    assert.deepEqual(await messages(policies, [u]), [
      'user "payments-order-service" has producerByteRate 20971520, above the dev ceiling of 10485760; lower `quotas.producerByteRate`',
    ]);
    const config = { "user-quota-ceilings": { ceilings: { dev: { producerByteRate: 52428800 } } } };
    assert.deepEqual(await messages(policies, [u], { config }), []);
  });

  it("skips configured super users", async () => {
    const admin = user("admin", { spec: { quotas: { producerByteRate: 1e12 } } });
    (admin.inputs.metadata as { name: string }).name = "platform-admin";
    assert.deepEqual(await messages(policies, [admin]), []);
  });
});
