import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parseAclIntentsAnnotation } from "../../core/acl";
import { isUserError } from "../../core/errors";
import {
  ACL_INTENTS_ANNOTATION,
  APP_LABEL,
  DELETION_ANNOTATION,
  ENVIRONMENT_LABEL,
  CLASSIFICATION_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  GRANTS_ANNOTATION,
  PREFIX_ANNOTATION,
  SOURCE_ANNOTATION,
  STRIMZI_CLUSTER_LABEL,
  TEAM_LABEL,
  WAIVERS_ANNOTATION,
} from "../../core/labels";
import { loadTeams } from "../../core/teams";
import {
  isSecret,
  plain,
  ProgramRun,
  RecordedResource,
  redactedText,
  runProgram,
} from "../../harness/engine";
import { KubernetesObject, kubernetesObjects, objectsOfKind } from "../../harness/kubernetes-objects";
import { platformMocks } from "../../harness/mocks";
import { assertValidStrimzi } from "./strimzi/crd-assert";

/* eslint-disable @typescript-eslint/no-explicit-any */
const TEAMS = path.join(__dirname, "../../teams");
const FIXTURES = path.join(__dirname, "teams/fixtures");
const TOPIC_TYPE = "kubernetes:kafka.strimzi.io/v1:KafkaTopic";
const USER_TYPE = "kubernetes:kafka.strimzi.io/v1:KafkaUser";
const SECRET_TYPE = "kubernetes:core/v1:Secret";
const TEAM_TYPE = "kafka-platform:teams:KafkaTeam";

const org = loadTeams(TEAMS, { displayDir: "teams" });
const spec = (o: KubernetesObject) => o.spec as any;
const resource = (run: ProgramRun, type: string, name: string): RecordedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `no ${type} ${name}`);
  return r;
};
const named = (objects: KubernetesObject[], kind: string, name: string, namespace?: string) => {
  const o = objects.find(
    (x) => x.kind === kind && x.metadata.name === name && (!namespace || x.metadata.namespace === namespace),
  );
  assert.ok(o, `no ${kind} ${namespace ?? ""}/${name}`);
  return o;
};

describe("KafkaTeam (program run)", function () {
  const runs: Partial<Record<"dev" | "prod", ProgramRun>> = {};
  before(async function () {
    runs.dev = await runProgram({ stack: "dev" });
    runs.prod = await runProgram({ stack: "prod" });
  });

  for (const stack of ["dev", "prod"] as const) {
    describe(stack, function () {
      it("renders a KafkaTopic per topic and a KafkaUser per application, valid for Strimzi 1.2.0", function () {
        const objects = kubernetesObjects(runs[stack]!);
        const topics = objectsOfKind(objects, "KafkaTopic", "kafka.strimzi.io");
        const users = objectsOfKind(objects, "KafkaUser", "kafka.strimzi.io").filter(
          (u) => u.metadata.labels?.[TEAM_LABEL],
        );
        assert.deepEqual(
          topics.map((t) => spec(t).topicName ?? t.metadata.name).sort(),
          org.teams.flatMap((t) => t.topics.map((x) => x.name)).sort(),
        );
        assert.deepEqual(
          users.map((u) => u.metadata.name).sort(),
          org.teams.flatMap((t) => t.applications.map((a) => a.principal)).sort(),
        );
        for (const o of [...topics, ...users]) {
          assert.equal(o.metadata.namespace, "kafka");
          assert.equal(o.metadata.labels?.[STRIMZI_CLUSTER_LABEL], "kafka");
          assert.equal(o.metadata.labels?.[ENVIRONMENT_LABEL], stack);
        }
        assertValidStrimzi(this, [...topics, ...users]);
      });

      it("names Pulumi resources after team and topic/application only, under the team component", function () {
        const run = runs[stack]!;
        const team = resource(run, TEAM_TYPE, "payments");
        const kafka = run.resources.find((r) => r.type === "kubernetes:kafka.strimzi.io/v1:Kafka")!;
        for (const name of ["payments/payments.orders.v1", "payments/payments.order-replays"]) {
          const topic = resource(run, TOPIC_TYPE, name);
          assert.equal(topic.parent, team.urn);
          assert.ok(topic.dependsOn.includes(kafka.urn), "topics are deleted while the operators still run");
          assert.match(topic.provider ?? "", /::/, "the cluster's provider, not the ambient kubeconfig");
        }
        assert.equal(resource(run, USER_TYPE, "payments/order-service").parent, team.urn);
        assert.ok(resource(run, USER_TYPE, "payments/order-service").dependsOn.includes(kafka.urn));
      });

      it("maps deletion: protect to Pulumi protect in prod (and per config in dev)", function () {
        const run = runs[stack]!;
        assert.equal(resource(run, TOPIC_TYPE, "payments/payments.orders.v1").protect, stack === "prod");
        assert.equal(resource(run, TOPIC_TYPE, "payments/payments.order-replays").protect, false);
      });
    });
  }

  it("protects dev topics when kafka-platform:teams.protectTopics is set", async function () {
    const run = await runProgram({ stack: "dev", configOverrides: { teams: { protectTopics: true } } });
    assert.equal(resource(run, TOPIC_TYPE, "payments/payments.orders.v1").protect, true);
    assert.equal(resource(run, TOPIC_TYPE, "payments/payments.order-replays").protect, false);
  });

  it("maps topic settings and per-environment defaults to the KafkaTopic", function () {
    const prod = kubernetesObjects(runs.prod!);
    const dev = kubernetesObjects(runs.dev!);
    assert.deepEqual(spec(named(prod, "KafkaTopic", "payments.payment-events.v1")), {
      partitions: 6,
      replicas: 3,
      config: {
        "cleanup.policy": "delete",
        "retention.ms": 14 * 86_400_000,
        "retention.bytes": 1073741824,
        "min.insync.replicas": 2,
      },
    });
    assert.deepEqual(spec(named(dev, "KafkaTopic", "payments.customer-state.v1")), {
      partitions: 1,
      replicas: 1,
      config: {
        "cleanup.policy": "compact",
        "retention.ms": -1,
        "min.insync.replicas": 1,
        "min.compaction.lag.ms": 3600000,
      },
    });
    assert.equal(spec(named(dev, "KafkaTopic", "payments.orders.v1")).config["compression.type"], "zstd");
  });

  it("labels and annotates topics and users for the policy pack", function () {
    const objects = kubernetesObjects(runs.prod!);
    const events = named(objects, "KafkaTopic", "payments.payment-events.v1");
    assert.deepEqual(events.metadata.labels, {
      [STRIMZI_CLUSTER_LABEL]: "kafka",
      [TEAM_LABEL]: "payments",
      [ENVIRONMENT_LABEL]: "prod",
    });
    // Defaults are left out (prefix = team name, deletion protected, no grants): readers default alike.
    assert.deepEqual(events.metadata.annotations, {
      [GRANTS_ANNOTATION]: JSON.stringify([
        { team: "billing", access: "read" },
        { team: "fraud", access: "read" },
      ]),
      // The file only: a line here would change with every edit above the topic.
      [SOURCE_ANNOTATION]: "teams/payments.yaml",
      // Catalog metadata, for the topic-catalog-metadata policy and for `kubectl describe`.
      [CLASSIFICATION_ANNOTATION]: "personal-data",
      [DESCRIPTION_ANNOTATION]: "Payment lifecycle events: authorised, captured, settled, failed.",
    });
    const other = named(objects, "KafkaTopic", "payments.orders.v1").metadata.annotations!;
    assert.equal(other[GRANTS_ANNOTATION], undefined);
    assert.equal(other[PREFIX_ANNOTATION], undefined);
    assert.equal(
      named(objects, "KafkaTopic", "payments.order-replays").metadata.annotations![DELETION_ANNOTATION],
      "allow",
    );
    // The shipped teams need no waivers: no object carries the annotation.
    assert.ok(objects.every((o) => o.metadata.annotations?.[WAIVERS_ANNOTATION] === undefined));
    const scorer = named(objects, "KafkaUser", "fraud-scorer");
    assert.equal(scorer.metadata.labels?.[APP_LABEL], "scorer");
    assert.equal(scorer.metadata.annotations?.[PREFIX_ANNOTATION], "risk.fraud");
    const intents = parseAclIntentsAnnotation(scorer.metadata.annotations![ACL_INTENTS_ANNOTATION]);
    const acls = spec(scorer).authorization.acls as unknown[];
    assert.equal(Object.keys(intents).length, acls.length);
    assert.equal(intents["4"].kind, "streams-internal-topics");
    assert.deepEqual(spec(scorer).quotas, {
      producerByteRate: 2097152,
      consumerByteRate: 8388608,
      requestPercentage: 25,
      controllerMutationRate: 10,
    });
    assert.deepEqual(
      spec(named(objects, "KafkaUser", "fraud-case-manager")).quotas,
      {
        producerByteRate: 1048576,
        consumerByteRate: 2097152,
        requestPercentage: 25,
        controllerMutationRate: 10,
      },
      "the environment's default quotas for a team without quotas",
    );
  });

  it("gives every application a generated password, its KafkaUser reference and a credentials Secret", function () {
    const run = runs.dev!;
    const revealed = kubernetesObjects(run, { secrets: "reveal" });
    const user = named(revealed, "KafkaUser", "billing-invoicer");
    assert.deepEqual(spec(user).authentication, {
      type: "scram-sha-512",
      password: { valueFrom: { secretKeyRef: { name: "billing-invoicer.password", key: "password" } } },
    });
    const passwordSecret = named(revealed, "Secret", "billing-invoicer.password", "kafka");
    const password = (passwordSecret as any).stringData.password as string;
    assert.equal(password.length, 32);

    const namespace = named(revealed, "Namespace", "billing-apps");
    assert.equal(namespace.metadata.labels?.[TEAM_LABEL], "billing");
    const credentials = named(revealed, "Secret", "invoicer-kafka-credentials", "billing-apps") as any;
    assert.deepEqual(Object.keys(credentials.stringData).sort(), [
      "bootstrap.servers",
      "ca.crt",
      "password",
      "sasl.jaas.config",
      "sasl.mechanism",
      "security.protocol",
      "username",
    ]);
    assert.equal(credentials.stringData["bootstrap.servers"], "kafka-kafka-bootstrap.kafka.svc:9093");
    assert.equal(credentials.stringData.username, "billing-invoicer");
    assert.equal(credentials.stringData.password, password);
    assert.equal(credentials.stringData["sasl.mechanism"], "SCRAM-SHA-512");
    assert.equal(credentials.stringData["security.protocol"], "SASL_SSL");
    assert.equal(
      credentials.stringData["sasl.jaas.config"],
      `org.apache.kafka.common.security.scram.ScramLoginModule required username="billing-invoicer" password="${password}";`,
    );
    assert.match(credentials.stringData["ca.crt"], /BEGIN CERTIFICATE/);
  });

  it("keeps passwords secret: marked secret in inputs, absent from redacted output and stack outputs", function () {
    const run = runs.dev!;
    // The Kubernetes SDK marks all Secret data secret; the component marks the password itself too.
    const creds = resource(run, SECRET_TYPE, "payments/order-service/credentials").inputs as any;
    assert.ok(isSecret(creds.stringData));
    const pw = resource(run, SECRET_TYPE, "payments/order-service/password").inputs as any;
    assert.ok(isSecret(pw.stringData));
    const passwords = org.teams.flatMap((t) =>
      t.applications.map(
        (a) =>
          (plain(resource(run, SECRET_TYPE, `${t.name}/${a.name}/password`).inputs) as any).stringData
            .password,
      ),
    );
    const visible = redactedText(run);
    for (const p of passwords) assert.ok(!visible.includes(p), "a password leaked into redacted output");
  });

  it("puts the credentials Secret in the team's namespace, labelled so its pods may reach Kafka", function () {
    const objects = kubernetesObjects(runs.prod!);
    // The label the internal listener's NetworkPolicy admits namespaces by.
    const kafka = objectsOfKind(objects, "Kafka", "kafka.strimzi.io")[0];
    const tls = (spec(kafka).kafka.listeners as any[]).find((l) => l.type === "internal" && l.tls);
    const admitted = tls.networkPolicyPeers.find((p: any) => p.namespaceSelector).namespaceSelector
      .matchLabels;
    assert.equal(Object.keys(admitted).length, 1);
    for (const team of org.teams) {
      const labels = named(objects, "Namespace", team.namespace).metadata.labels ?? {};
      for (const [key, value] of Object.entries(admitted)) assert.equal(labels[key], value, team.namespace);
    }
    named(objects, "Secret", "scorer-kafka-credentials", "fraud");
  });

  it("sanitises topic names that are not Kubernetes names and sets spec.topicName", async function () {
    const run = await runProgram({ stack: "dev", teamsDir: path.join(FIXTURES, "valid-sanitized-names") });
    const topics = objectsOfKind(kubernetesObjects(run), "KafkaTopic");
    const legacy = topics.find((t) => spec(t).topicName === "legacy.Orders_V1")!;
    assert.match(legacy.metadata.name!, /^legacy\.orders-v1-[0-9a-f]{8}$/);
    const plainName = topics.find((t) => t.metadata.name === "legacy.orders-v1")!;
    assert.equal(spec(plainName).topicName, undefined);
    resource(run, TOPIC_TYPE, "legacy/legacy.Orders_V1"); // the Pulumi name keeps the exact topic name
    assertValidStrimzi(this, topics);
  });

  it("registers no resource at all when a team file is invalid (only the root stack)", async function () {
    const registered: string[] = [];
    const original = platformMocks.newResource;
    platformMocks.newResource = (args) => {
      registered.push(args.type);
      return original(args);
    };
    try {
      await assert.rejects(
        runProgram({ stack: "dev", teamsDir: path.join(FIXTURES, "access") }),
        (e: unknown) => isUserError(e) && e.problems.length === 4,
      );
    } finally {
      platformMocks.newResource = original;
    }
    assert.deepEqual(
      registered.filter((t) => t !== "pulumi:pulumi:Stack"),
      [],
    );
  });
});

describe("KafkaTeam: waivers from platform/waivers.yaml", function () {
  this.timeout(120_000);

  it("annotates exactly the waived topic with its waiver, approver included", async () => {
    const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const waiversFile = path.join(mkdtempSync(path.join(tmpdir(), "kp-waivers-")), "waivers.yaml");
    writeFileSync(
      waiversFile,
      [
        "waivers:",
        "  - team: payments",
        "    resource: payments.order-replays",
        "    policy: topic-retention",
        "    reason: Replays keep one day.",
        '    approver: "@acme/kafka-platform"',
        `    expires: "${expires}"`,
        "",
      ].join("\n"),
    );
    const objects = kubernetesObjects(await runProgram({ stack: "prod", waiversFile }));
    const waived = objects.filter((o) => o.metadata.annotations?.[WAIVERS_ANNOTATION] !== undefined);
    assert.deepEqual(
      waived.map((o) => o.metadata.name),
      [named(objects, "KafkaTopic", "payments.order-replays").metadata.name],
    );
    assert.deepEqual(JSON.parse(waived[0].metadata.annotations![WAIVERS_ANNOTATION]), [
      {
        policy: "topic-retention",
        resource: "payments.order-replays",
        reason: "Replays keep one day.",
        approver: "@acme/kafka-platform",
        expires,
      },
    ]);
  });
});
