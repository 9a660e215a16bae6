import { strict as assert } from "assert";
import { kafkaBrokerDurability } from "../../rules/kafka-broker-durability";
import { kafka, messages } from "../helpers";

describe("policy kafka-broker-durability", () => {
  const policies = [kafkaBrokerDurability()];

  it("accepts the prod broker config", async () => {
    assert.deepEqual(await messages(policies, [kafka()]), []);
  });

  it("rejects low replication and in-sync settings in prod, naming the key and value", async () => {
    const found = await messages(policies, [
      kafka({ config: { "default.replication.factor": 1, "min.insync.replicas": "1" } }),
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0], /default\.replication\.factor=1 is below the prod minimum of 3/);
    assert.match(found[1], /min\.insync\.replicas=1 is below the prod minimum of 2/);
  });

  it("requires the settings to be present in prod", async () => {
    const found = await messages(policies, [
      kafka({ config: { "offsets.topic.replication.factor": undefined } }),
    ]);
    assert.match(found[0], /offsets\.topic\.replication\.factor=\(unset\)/);
  });

  it("rejects auto topic creation and unclean leader election", async () => {
    const found = await messages(policies, [
      kafka({ config: { "auto.create.topics.enable": undefined, "unclean.leader.election.enable": "true" } }),
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0], /auto\.create\.topics\.enable: false/);
    assert.match(found[1], /enables unclean\.leader\.election\.enable/);
  });

  it("accepts a single-broker dev config", async () => {
    const dev = kafka({
      env: "dev",
      config: {
        "default.replication.factor": 1,
        "offsets.topic.replication.factor": 1,
        "transaction.state.log.replication.factor": 1,
        "min.insync.replicas": 1,
        "transaction.state.log.min.isr": 1,
      },
    });
    assert.deepEqual(await messages(policies, [dev]), []);
  });

  it("takes minimums from config", async () => {
    const config = { "kafka-broker-durability": { minReplicationFactor: { prod: 5 } } };
    assert.equal((await messages(policies, [kafka()], { config })).length, 3);
  });

  it("rejects a low transaction.state.log.min.isr in prod", async () => {
    const found = await messages(policies, [kafka({ config: { "transaction.state.log.min.isr": 1 } })]);
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(
      found[0],
      /transaction\.state\.log\.min\.isr=1 is below the prod minimum of 2; set transaction\.state\.log\.min\.isr: 2/,
    );
    const unset = await messages(policies, [
      kafka({ config: { "transaction.state.log.min.isr": undefined } }),
    ]);
    assert.match(unset[0], /transaction\.state\.log\.min\.isr=\(unset\)/);
  });
});
