import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { kafkaDefaults } from "../../core/config/kafka";
import { KAFKA_CONFIG_VERSIONS, topicConfigTable } from "../../core/kafka-configs/topic-configs";
import { KAFKA_TOPIC_CONFIGS, MANAGED_TOPIC_CONFIGS } from "../../core/teams/topic-configs";

const ROOT = path.resolve(__dirname, "../..");

describe("core/kafka-configs: Kafka's topic config definitions", () => {
  it("has a generated table for the Kafka version every stack runs (and the real-Kafka tier fetches)", () => {
    for (const env of ["dev", "prod"] as const) {
      const version = kafkaDefaults(env).version as string;
      const table = topicConfigTable(version);
      assert.ok(
        table,
        `no table for Kafka ${version}; run scripts/kafka-topic-configs/generate.sh ${version}`,
      );
      assert.equal(table.source, `org.apache.kafka:kafka-storage:${version} LogConfig.configKeys()`);
    }
    const pom = readFileSync(path.join(ROOT, "tests/kafka/broker/pom.xml"), "utf8");
    const tested = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
    assert.ok(tested && KAFKA_CONFIG_VERSIONS.includes(tested), `tests/kafka fetches Kafka ${tested}`);
  });

  it("gives team files every topic config but those set through their own fields", () => {
    const all = Object.keys(topicConfigTable("4.3.1")!.configs);
    assert.deepEqual([...KAFKA_TOPIC_CONFIGS, ...Object.keys(MANAGED_TOPIC_CONFIGS)].sort(), all.sort());
    assert.ok(KAFKA_TOPIC_CONFIGS.includes("max.message.bytes"));
  });
});
