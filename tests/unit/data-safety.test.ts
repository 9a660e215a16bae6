import * as assert from "assert";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { ProgramRun, runProgram } from "../../harness/engine";

/**
 * Resources that hold data, or whose replacement loses it: a changed URN makes Pulumi delete the
 * old resource and create a new one. A refactor that moves or renames one must add an alias
 * (`aliases: [{ name, parent }]`) and then update the golden file (`UPDATE_GOLDEN=1 npm run test:unit`).
 */
const DATA_TYPES = [
  "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
  "kubernetes:kafka.strimzi.io/v1:KafkaNodePool",
  "kubernetes:kafka.strimzi.io/v1:Kafka",
  "kubernetes:core/v1:Secret", // the cluster CA and the generated passwords
  "random:index/randomPassword:RandomPassword",
  "tls:index/privateKey:PrivateKey",
  "gcp:container/cluster:Cluster",
  "gcp:compute/instance:Instance",
  "gcp:storage/bucket:Bucket",
];

function dataUrns(run: ProgramRun): string[] {
  return run.resources
    .filter((r) => DATA_TYPES.includes(r.type))
    .map((r) => r.urn)
    .sort();
}

describe("data safety: URNs of data-holding resources", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: unchanged (a rename needs an alias, then an updated golden file)`, async () => {
      const urns = dataUrns(await runProgram({ stack }));
      const golden = path.join(__dirname, "fixtures", `data-urns.${stack}.json`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, `${JSON.stringify(urns, null, 2)}\n`);
      assert.ok(existsSync(golden), `${golden} is missing; create it with UPDATE_GOLDEN=1`);
      const expected: string[] = JSON.parse(readFileSync(golden, "utf8"));
      const gone = expected.filter((u) => !urns.includes(u));
      const added = urns.filter((u) => !expected.includes(u));
      assert.deepStrictEqual({ gone, added }, { gone: [], added: [] }, `data-holding resources changed URN`);
    });
  }

  it("prod: every topic is protected unless its team file allows deletion", async () => {
    const run = await runProgram({ stack: "prod" });
    const topics = run.resources.filter((r) => r.type === "kubernetes:kafka.strimzi.io/v1:KafkaTopic");
    assert.ok(topics.length > 0);
    for (const t of topics) {
      const annotations = (t.inputs.metadata as { annotations: Record<string, string> }).annotations;
      assert.strictEqual(t.protect, annotations["kafka-platform.io/deletion"] !== "allow", t.name);
    }
    assert.ok(
      topics.some((t) => !t.protect),
      "the example with deletion: allow is not protected",
    );
  });
});
