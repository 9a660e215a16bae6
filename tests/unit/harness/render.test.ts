import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { isSecret, ProgramRun, plain, redact, runProgram } from "../../../harness/engine";
import { kubernetesObjects, resourcesUnder } from "../../../harness/kubernetes-objects";
import { resourceSummaries } from "../../../harness/render";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };

/** A run as the harness records it, with one Secret and one ConfigMap holding a Pulumi secret. */
function fakeRun(): ProgramRun {
  const base = {
    parent: undefined,
    provider: "urn:p::id",
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    aliases: [],
    custom: true,
  };
  return {
    stack: "test",
    outputs: {},
    resources: [
      {
        ...base,
        type: "kubernetes:core/v1:Secret",
        name: "creds",
        urn: "urn:pulumi:test::kafka-platform::kubernetes:core/v1:Secret::creds",
        inputs: {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: "creds", namespace: "team" },
          stringData: { username: "app", password: SECRET },
        },
      },
      {
        ...base,
        type: "kubernetes:core/v1:ConfigMap",
        name: "cm",
        urn: "urn:pulumi:test::kafka-platform::kubernetes:core/v1:ConfigMap::cm",
        inputs: { metadata: { name: "cm", namespace: "team" }, data: { jaas: SECRET, plain: "visible" } },
      },
    ],
  };
}

describe("harness: secrets in rendered output", () => {
  it("redacts Pulumi secrets and all Secret data, keeping other values", () => {
    const [secret, configMap] = kubernetesObjects(fakeRun());
    assert.deepStrictEqual(secret.stringData, { username: "[secret]", password: "[secret]" });
    assert.deepStrictEqual(configMap.data, { jaas: "[secret]", plain: "visible" });
    assert.strictEqual(configMap.apiVersion, "v1");
    assert.strictEqual(configMap.kind, "ConfigMap");
    const summaries = JSON.stringify(resourceSummaries(fakeRun()));
    assert.ok(!summaries.includes("hunter2"));
    assert.ok(summaries.includes('"username":"[secret]"'));
  });

  it("reveals secrets only when asked, for in-process consumers", () => {
    const [secret] = kubernetesObjects(fakeRun(), { secrets: "reveal" });
    assert.deepStrictEqual(secret.stringData, { username: "app", password: "hunter2" });
    assert.strictEqual(redact(SECRET), "[secret]");
    assert.strictEqual(plain(SECRET), "hunter2");
  });

  it("records parent, provider, protect and dependencies of registered resources", async () => {
    const run = await runProgram({ stack: "prod" });
    const stack = run.resources[0];
    assert.strictEqual(stack.type, "pulumi:pulumi:Stack");
    assert.strictEqual(
      stack.urn,
      "urn:pulumi:prod::kafka-platform::pulumi:pulumi:Stack::kafka-platform-prod",
    );
    // The SDK parents unparented resources to the stack, so its direct children show the program's
    // structure: only the platform's components and the default providers (children use `parent: this`).
    const roots = run.resources.filter((r) => r.parent === stack.urn);
    const strays = roots.filter((r) => !/^kafka-platform:|^pulumi:providers:/.test(r.type));
    assert.deepStrictEqual(
      strays.map((r) => r.urn),
      [],
    );
    assert.ok(roots.some((r) => r.type === "kafka-platform:teams:KafkaTeam"));
    const topic = run.resources.find((r) => r.name === "payments/payments.orders.v1")!;
    assert.strictEqual(topic.protect, true);
    assert.strictEqual(topic.parent, run.resources.find((r) => r.name === "payments" && !r.custom)!.urn);
    assert.match(
      topic.provider ?? "",
      /^urn:pulumi:prod::kafka-platform::.*pulumi:providers:kubernetes::.+::.+$/,
    );
    const kafka = run.resources.find((r) => r.type === "kubernetes:kafka.strimzi.io/v1:Kafka")!;
    assert.ok(topic.dependsOn.includes(kafka.urn));
    assert.strictEqual(
      run.resources.find((r) => r.name === "payments/payments.order-replays")!.protect,
      false,
    );
    assert.ok(pulumi.runtime.isDryRun() === false);
  });

  it("keeps secret stack outputs secret and plain ones plain", async () => {
    const run = await runProgram({ stack: "prod" });
    assert.strictEqual(run.outputs.environment, "prod");
    for (const key of ["kubeconfig", "kafkaAdminPassword", "grafanaAdminPassword"]) {
      assert.ok(key in run.outputs, `output ${key} exists`);
      assert.ok(isSecret(run.outputs[key]), `output ${key} is a secret`);
    }
    assert.ok(!isSecret(run.outputs.kafkaBootstrapServers));
  });

  it("finds every resource under a component, through nested components", async () => {
    const run = await runProgram({ stack: "prod" });
    const underTeams = resourcesUnder(run, "kafka-platform:teams:KafkaTeam");
    const topics = run.resources.filter((r) => r.type === "kubernetes:kafka.strimzi.io/v1:KafkaTopic");
    assert.ok(topics.length > 0);
    for (const t of topics) assert.ok(underTeams.includes(t), `${t.name} is under its team`);
    assert.ok(!underTeams.some((r) => r.type === "kubernetes:kafka.strimzi.io/v1:Kafka"));
    const underMonitoring = resourcesUnder(run, "kafka-platform:monitoring:MonitoringStack");
    assert.ok(
      underMonitoring.some(
        (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.parent !== underMonitoring[0].urn,
      ),
    );
  });
});
