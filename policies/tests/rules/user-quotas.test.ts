import { strict as assert } from "assert";
import { userQuotas } from "../../rules/user-quotas";
import { messages, user } from "../helpers";

describe("policy user-quotas", () => {
  const policies = [userQuotas()];

  it("accepts prod users with quotas", async () => {
    assert.deepEqual(await messages(policies, [user()]), []);
  });

  it("rejects prod users without quotas, naming the missing ones", async () => {
    const [m] = await messages(policies, [user(undefined, { spec: { quotas: { producerByteRate: 1 } } })]);
    assert.match(m, /no consumerByteRate quota in prod/);
    const config = { "user-quotas": { requiredQuotas: ["producerByteRate", "requestPercentage"] } };
    const [r] = await messages(policies, [user(undefined, { spec: { quotas: { producerByteRate: 1 } } })], {
      config,
    });
    assert.match(r, /no requestPercentage quota in prod/);
  });

  it("does not require quotas in dev by default, but can", async () => {
    const dev = user(undefined, { env: "dev", spec: { quotas: undefined } });
    assert.deepEqual(await messages(policies, [dev]), []);
    const config = { "user-quotas": { environments: ["dev", "prod"], requiredQuotas: ["producerByteRate"] } };
    const [m] = await messages(policies, [dev], { config });
    assert.match(m, /no producerByteRate quota in dev/);
  });

  it("skips configured super users", async () => {
    const admin = user("admin", { spec: { quotas: undefined } });
    (admin.inputs.metadata as { name: string }).name = "platform-admin";
    assert.deepEqual(await messages(policies, [admin]), []);
    assert.equal(
      (await messages(policies, [admin], { config: { "user-quotas": { superUsers: [] } } })).length,
      1,
    );
  });
});
