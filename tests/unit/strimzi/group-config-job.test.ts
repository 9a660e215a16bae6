import * as assert from "assert";
import * as path from "path";
import {
  groupConfigChanges,
  groupConfigJob,
  groupConfigScript,
  kafkaConfigsArgs,
} from "../../../core/strimzi/group-config-job";
import { findTeam, loadTeams, protocolSupportProblems } from "../../../core/teams";
import { formatProblem } from "../../../core/errors";
import { PROJECT_ROOT } from "../../../harness/engine";
import { stackConfig } from "./support";

const org = loadTeams(path.join(PROJECT_ROOT, "teams"), { displayDir: "teams" });
const payments = findTeam(org, "payments")!;
const dev = stackConfig("dev");
/** `teams/<team>.yaml:<line>:1` of an example application (where protocol problems point). */
const at = (team: string, app: string) => {
  const source = findTeam(org, team)!.applications.find((a) => a.name === app)!.source;
  return `${source.file}:${source.line}:1`;
};

describe("group configs of share groups (Job running kafka-configs.sh)", () => {
  it("sets what the team file declares and deletes the other share settings, per share group", () => {
    assert.deepStrictEqual(groupConfigChanges(payments), [
      {
        group: "payments.settlement-worker",
        set: {
          "share.auto.offset.reset": "earliest",
          "share.record.lock.duration.ms": 45000,
          "share.delivery.count.limit": 3,
        },
        delete: ["share.partition.max.record.locks", "share.isolation.level"],
      },
    ]);
    assert.deepStrictEqual(kafkaConfigsArgs(groupConfigChanges(payments)[0]), [
      "--alter",
      "--entity-type",
      "groups",
      "--entity-name",
      "payments.settlement-worker",
      "--add-config",
      "share.auto.offset.reset=earliest,share.record.lock.duration.ms=45000,share.delivery.count.limit=3",
      "--delete-config",
      "share.partition.max.record.locks,share.isolation.level",
    ]);
  });

  it("a team without share groups gets no Job", () => {
    assert.strictEqual(groupConfigJob(findTeam(org, "billing")!, dev.kafka, dev.strimzi.version), undefined);
  });

  it("runs as the admin with the password from its Secret (never on the command line) and the cluster CA", () => {
    const job = groupConfigJob(payments, dev.kafka, dev.strimzi.version)!;
    const pod = job.spec.template.spec;
    const container = pod.containers[0];
    assert.strictEqual(job.metadata.namespace, dev.kafka.namespace);
    assert.strictEqual(
      container.image,
      `quay.io/strimzi/kafka:${dev.strimzi.version}-kafka-${dev.kafka.version}`,
    );
    assert.deepStrictEqual(container.env[1].valueFrom?.secretKeyRef, {
      name: `${dev.kafka.adminUser}-password`,
      key: "password",
    });
    const script = container.command[2];
    assert.match(script, /'--add-config' 'share\.auto\.offset\.reset=earliest,/);
    assert.match(script, /password="\$ADMIN_PASSWORD"/);
    assert.match(script, /kafka-configs\.sh --bootstrap-server kafka-kafka-bootstrap\.kafka\.svc:9093/);
    assert.deepStrictEqual(pod.volumes[0], {
      name: "cluster-ca",
      secret: { secretName: "kafka-cluster-ca-cert" },
    });
  });

  it("is named by a hash of the desired configs: a changed setting is a new Job, the same one is not", () => {
    const name = groupConfigJob(payments, dev.kafka, dev.strimzi.version)!.metadata.name;
    assert.match(name, /^payments-group-configs-[0-9a-f]{10}$/);
    assert.strictEqual(groupConfigJob(payments, dev.kafka, dev.strimzi.version)!.metadata.name, name);
    const changed = {
      ...payments,
      applications: payments.applications.map((a) =>
        a.shareGroup
          ? { ...a, shareGroup: { ...a.shareGroup, configs: { "share.delivery.count.limit": 4 } } }
          : a,
      ),
    };
    assert.notStrictEqual(groupConfigJob(changed, dev.kafka, dev.strimzi.version)!.metadata.name, name);
  });

  it("quotes group names in the script", () => {
    const script = groupConfigScript(dev.kafka, [
      { group: "a'b", set: {}, delete: ["share.isolation.level"] },
    ]);
    assert.match(script, /'--entity-name' 'a'\\''b'/);
  });
});

describe("protocol support of the stack's Kafka", () => {
  it("accepts the example teams on the stacks' Kafka 4.3.1", () => {
    assert.deepStrictEqual(protocolSupportProblems(org, dev.kafka, "Pulumi.dev.yaml"), []);
  });

  it("rejects share groups and the streams protocol before 4.2 and the consumer protocol before 4.0, at the application", () => {
    const problems = protocolSupportProblems(
      org,
      { version: "4.1.1", metadataVersion: "4.1-IV1" },
      "Pulumi.dev.yaml",
    );
    assert.deepStrictEqual(problems.map(formatProblem), [
      `${at("fraud", "velocity")}: applications[2].groupProtocol: group.protocol=streams (KIP-1071) need Kafka 4.2.0 or newer; Pulumi.dev.yaml runs Kafka 4.1.1: upgrade the cluster first (docs/runbooks/upgrade.md) or remove groupProtocol`,
      `${at("payments", "settlement-worker")}: applications[2].shareGroup: share groups (KIP-932) need Kafka 4.2.0 or newer; Pulumi.dev.yaml runs Kafka 4.1.1: upgrade the cluster first (docs/runbooks/upgrade.md) or remove shareGroup`,
    ]);
    const older = protocolSupportProblems(
      org,
      { version: "3.9.1", metadataVersion: "3.9-IV0" },
      "Pulumi.dev.yaml",
    );
    assert.deepStrictEqual(
      older.map((p) => `${p.file} ${p.path}`),
      [
        "teams/billing.yaml applications[0].groupProtocol",
        "teams/fraud.yaml applications[2].groupProtocol",
        "teams/payments.yaml applications[2].shareGroup",
      ],
    );
  });

  it("rejects a metadata version below the protocol's, naming the feature to raise", () => {
    const problems = protocolSupportProblems(
      org,
      { version: "4.3.1", metadataVersion: "4.2-IV0" },
      "Pulumi.dev.yaml",
    );
    assert.deepStrictEqual(problems.map(formatProblem), [
      `${at("fraud", "velocity")}: applications[2].groupProtocol: group.protocol=streams (KIP-1071) need metadataVersion 4.2-IV1 or newer (feature streams.version=1); Pulumi.dev.yaml sets metadataVersion 4.2-IV0: raise it and the feature level (docs/runbooks/upgrade.md)`,
    ]);
  });
});
