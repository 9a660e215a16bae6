import { strict as assert } from "assert";
import { kafkaStorage } from "../../rules/kafka-storage";
import { messages, nodePool } from "../helpers";

describe("policy kafka-storage", () => {
  const policies = [kafkaStorage()];
  const jbod = (deleteClaim: boolean, type = "persistent-claim") => ({
    type: "jbod",
    volumes: [
      { id: 0, type: "persistent-claim", size: "100Gi", deleteClaim: false },
      { id: 1, type, size: "100Gi", deleteClaim },
    ],
  });

  it("accepts persistent-claim and jbod storage that keeps its claims", async () => {
    assert.deepEqual(
      await messages(policies, [
        nodePool(),
        nodePool("brokers", { roles: ["broker"], storage: jbod(false) }),
      ]),
      [],
    );
  });

  it("rejects ephemeral storage", async () => {
    const [m] = await messages(policies, [nodePool("brokers", { storage: { type: "ephemeral" } })]);
    assert.match(m, /KafkaNodePool "brokers" uses ephemeral storage/);
    const [v] = await messages(policies, [nodePool("brokers", { storage: jbod(false, "ephemeral") })]);
    assert.match(v, /"brokers" volume 1 uses ephemeral storage/);
  });

  it("rejects deleteClaim: true in prod but not in dev", async () => {
    const storage = { type: "persistent-claim", size: "20Gi", deleteClaim: true };
    assert.match((await messages(policies, [nodePool(undefined, { storage })]))[0], /deleteClaim: true/);
    assert.deepEqual(await messages(policies, [nodePool(undefined, { env: "dev", storage })]), []);
  });

  it("rejects a pool without storage", async () => {
    const pool = nodePool();
    delete (pool.inputs.spec as Record<string, unknown>).storage;
    assert.match((await messages(policies, [pool]))[0], /declares no spec\.storage/);
  });

  it("takes environments from config", async () => {
    const config = { "kafka-storage": { persistentIn: ["prod"] } };
    assert.deepEqual(
      await messages(policies, [nodePool(undefined, { env: "dev", storage: { type: "ephemeral" } })], {
        config,
      }),
      [],
    );
  });

  it("rejects a JBOD volume with deleteClaim: true in prod, naming the volume", async () => {
    const found = await messages(policies, [nodePool("brokers", { roles: ["broker"], storage: jbod(true) })]);
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0], /KafkaNodePool "brokers" volume 1 has deleteClaim: true/);
    assert.deepEqual(
      await messages(policies, [nodePool("brokers", { env: "dev", roles: ["broker"], storage: jbod(true) })]),
      [],
    );
  });

  it("rejects JBOD storage without volumes", async () => {
    for (const storage of [{ type: "jbod", volumes: [] }, { type: "jbod" }]) {
      assert.deepEqual(await messages(policies, [nodePool("brokers", { roles: ["broker"], storage })]), [
        'KafkaNodePool "brokers" has jbod storage without volumes',
      ]);
    }
  });
});
