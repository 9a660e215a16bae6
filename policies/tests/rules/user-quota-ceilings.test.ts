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
        quotas: {
          producerByteRate: 9007199254740991,
          consumerByteRate: 1,
          requestPercentage: 100000,
          controllerMutationRate: 1,
        },
      },
    });
    assert.deepEqual(await messages(policies, [greedy]), [
      'user "payments-order-service" has producerByteRate 9007199254740991, above the prod ceiling of 52428800; lower `quotas.producerByteRate`',
      'user "payments-order-service" has requestPercentage 100000, above the prod ceiling of 200; lower `quotas.requestPercentage`',
    ]);
  });

  it("rejects a quota left unset (no limit) where the environment has a ceiling", async () => {
    // An application's quotas replace its team's as a whole: leaving a field out removes its limit.
    const unlimited = user(undefined, {
      spec: { quotas: { producerByteRate: 1048576, consumerByteRate: 2097152 } },
    });
    assert.deepEqual(await messages(policies, [unlimited]), [
      'user "payments-order-service" sets no requestPercentage (no limit), above the prod ceiling of 200; set `quotas.requestPercentage`',
      'user "payments-order-service" sets no controllerMutationRate (no limit), above the prod ceiling of 100; set `quotas.controllerMutationRate`',
    ]);
    const noQuotas = user(undefined, { env: "dev", spec: { quotas: undefined } });
    assert.equal((await messages(policies, [noQuotas])).length, 4);
  });

  it("has ceilings per environment, configurable", async () => {
    const quotas = {
      producerByteRate: 20971520,
      consumerByteRate: 1,
      requestPercentage: 1,
      controllerMutationRate: 1,
    };
    const u = user(undefined, { env: "dev", spec: { quotas } });
    assert.deepEqual(await messages(policies, [u]), [
      'user "payments-order-service" has producerByteRate 20971520, above the dev ceiling of 10485760; lower `quotas.producerByteRate`',
    ]);
    const config = { "user-quota-ceilings": { ceilings: { dev: { producerByteRate: 52428800 } } } };
    assert.deepEqual(await messages(policies, [u], { config }), []);
  });

  it("skips configured super users", async () => {
    const admin = user("admin", { spec: { quotas: {} } });
    (admin.inputs.metadata as { name: string }).name = "platform-admin";
    assert.deepEqual(await messages(policies, [admin]), []);
  });
});
