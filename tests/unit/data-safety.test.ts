import * as assert from "assert";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { ProgramRun, runProgram } from "../../harness/engine";
import { inStack, splitRuns } from "./stacks/support";

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
  "kubernetes:core/v1:Namespace", // deleting one deletes everything in it (Kafka's: every topic)
  "kubernetes:apps/v1:StatefulSet", // Keycloak's PostgreSQL volume
  "kubernetes:helm.sh/v4:Chart", // Grafana, Mimir, Loki, Tempo volumes; the operators
  "random:index/randomPassword:RandomPassword",
  "tls:index/privateKey:PrivateKey",
  "tls:index/selfSignedCert:SelfSignedCert", // a new CA certificate breaks every client's trust
  "gcp:secretmanager/secret:Secret",
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

/** The data-holding URNs of the platform stack and every team stack of `stack` in the split layout. */
async function splitDataUrns(stack: string): Promise<string[][]> {
  const { platform, teams } = await splitRuns(stack);
  return [platform, ...teams.values()].map(dataUrns);
}

/**
 * The committed stacks, prod with every add-on on (their resources are off by default), and prod in
 * the split layout: its platform stack and the example teams' stacks (docs/stacks.md).
 */
const RUNS: { golden: string; urns: () => Promise<string[]> }[] = [
  { golden: "dev", urns: async () => dataUrns(await runProgram({ stack: "dev" })) },
  { golden: "prod", urns: async () => dataUrns(await runProgram({ stack: "prod" })) },
  {
    golden: "prod-addons",
    urns: async () =>
      dataUrns(
        await runProgram({
          stack: "prod",
          configOverrides: { addons: { keycloak: { enabled: true }, argocd: { enabled: true } } },
        }),
      ),
  },
  { golden: "prod-split", urns: async () => (await splitDataUrns("prod")).flat().sort() },
];

describe("data safety: URNs of data-holding resources", () => {
  for (const { golden: name, urns: urnsOf } of RUNS) {
    it(`${name}: unchanged (a rename needs an alias, then an updated golden file)`, async () => {
      const urns = await urnsOf();
      const golden = path.join(__dirname, "fixtures", `data-urns.${name}.json`);
      // In CI the golden file is only ever read: a run that rewrote it would pass by construction.
      if (process.env.UPDATE_GOLDEN && !process.env.CI)
        writeFileSync(golden, `${JSON.stringify(urns, null, 2)}\n`);
      assert.ok(existsSync(golden), `${golden} is missing; create it with UPDATE_GOLDEN=1`);
      const expected: string[] = JSON.parse(readFileSync(golden, "utf8"));
      const gone = expected.filter((u) => !urns.includes(u));
      const added = urns.filter((u) => !expected.includes(u));
      assert.deepStrictEqual({ gone, added }, { gone: [], added: [] }, `data-holding resources changed URN`);
    });
  }

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: the split layout keeps every data-holding resource, each in exactly one stack`, async () => {
      const single = dataUrns(await runProgram({ stack }));
      const stacks = await splitDataUrns(stack);
      // Each stack's URNs are the single layout's with only the stack renamed (`pulumi state move`).
      const origin = (urn: string) => inStack(urn, stack);
      const homes = single.map((urn) => [
        urn,
        stacks.filter((urns) => urns.some((u) => origin(u) === urn)).length,
      ]);
      assert.deepStrictEqual(
        homes.filter(([, n]) => n !== 1),
        [],
        "in no stack or in several",
      );
      // … and no stack holds a data-holding resource the single layout does not have.
      assert.deepStrictEqual(
        stacks.flat().filter((u) => !single.includes(origin(u))),
        [],
      );
    });
  }

  it("prod protects the Kafka namespace, Kafka and its node pools; dev does not", async () => {
    for (const stack of ["dev", "prod"]) {
      const run = await runProgram({ stack });
      const holders = run.resources.filter(
        (r) =>
          r.type === "kubernetes:kafka.strimzi.io/v1:Kafka" ||
          r.type === "kubernetes:kafka.strimzi.io/v1:KafkaNodePool" ||
          (r.type === "kubernetes:core/v1:Namespace" &&
            (r.inputs.metadata as { name: string }).name === "kafka"),
      );
      assert.deepStrictEqual(
        holders.map((r) => [r.type.split(":").pop(), r.protect]),
        [
          ["Namespace", stack === "prod"],
          ["KafkaNodePool", stack === "prod"],
          ["KafkaNodePool", stack === "prod"],
          ["Kafka", stack === "prod"],
        ],
        stack,
      );
    }
  });

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
