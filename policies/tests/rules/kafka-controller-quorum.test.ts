import { strict as assert } from "assert";
import { kafkaControllerQuorum } from "../../rules/kafka-controller-quorum";
import { ENVIRONMENT_LABEL } from "../../../core/labels";
import { check, kafka, messages, nodePool, topic, user } from "../helpers";

describe("policy kafka-controller-quorum", () => {
  const policies = [kafkaControllerQuorum()];
  const brokers = nodePool("brokers", { roles: ["broker"], replicas: 4 });

  it("accepts three controllers in prod and one in dev", async () => {
    assert.deepEqual(await messages(policies, [kafka(), nodePool(), brokers]), []);
    assert.deepEqual(
      await messages(policies, [kafka({ env: "dev" }), nodePool(undefined, { env: "dev", replicas: 1 })]),
      [],
    );
  });

  it("rejects too few controllers in prod, reported on the controller pool", async () => {
    const run = await check(policies, [kafka(), nodePool(undefined, { replicas: 1 }), brokers]);
    assert.equal(run.violations.length, 1);
    assert.match(
      run.violations[0].message,
      /has 1 controller\(s\) \(controllers\), fewer than the prod minimum of 3/,
    );
    assert.equal(run.violations[0].resource, "KafkaNodePool/controllers");
  });

  it("sums controller pools and rejects an even quorum", async () => {
    const pools = [
      nodePool("c1", { replicas: 3 }),
      nodePool("c2", { roles: ["controller", "broker"], replicas: 1 }),
    ];
    const [m] = await messages(policies, [kafka(), ...pools]);
    assert.match(m, /even number of controllers \(4 in c1, c2\)/);
  });

  it("rejects a cluster without a controller pool", async () => {
    const [m] = await messages(policies, [kafka(), brokers]);
    assert.match(m, /Kafka "kafka" has no KafkaNodePool with the controller role/);
  });

  it("takes the minimum and the odd rule from config", async () => {
    const config = { "kafka-controller-quorum": { minControllers: { prod: 5 }, requireOdd: false } };
    assert.equal((await messages(policies, [kafka(), nodePool()], { config })).length, 1);
    const evenOk = { "kafka-controller-quorum": { requireOdd: false } };
    assert.deepEqual(
      await messages(policies, [kafka(), nodePool(undefined, { replicas: 4 })], { config: evenOk }),
      [],
    );
  });

  it("takes the environment of unlabelled pools from the stack tag, else from the team objects' label", async () => {
    const pool = nodePool(undefined, { replicas: 1 });
    delete (pool.inputs.metadata as { labels: Record<string, string> }).labels[ENVIRONMENT_LABEL];
    assert.equal((await messages(policies, [pool])).length, 1, "unknown environment: prod bounds");
    assert.deepEqual(await messages(policies, [pool], { env: "dev" }), []);
    assert.deepEqual(await messages(policies, [pool, topic(undefined, { env: "dev" })]), []);
  });

  it("falls back to the users' environment label when the stack has no labelled topics", async () => {
    const pool = nodePool(undefined, { replicas: 1 });
    delete (pool.inputs.metadata as { labels: Record<string, string> }).labels[ENVIRONMENT_LABEL];
    assert.deepEqual(await messages(policies, [pool, user(undefined, { env: "dev" })]), []);
    assert.equal((await messages(policies, [pool, user(undefined, { env: "prod" })])).length, 1);
  });
});
