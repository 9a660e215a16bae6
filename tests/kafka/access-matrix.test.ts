/**
 * The access matrix on a real broker: the dev stack's KafkaUsers and KafkaTopics applied as
 * Strimzi's operators would, then every declared intent must succeed and every other access must
 * be denied. A deliberately widened and a deliberately narrowed ACL rule must each be caught.
 */
import { strict as assert } from "node:assert";
import {
  Admin,
  ResourcePatternTypes,
  ResourceTypes,
  AclOperations,
  AclPermissionTypes,
} from "@platformatic/kafka";
import { type AclOperation, INTENT_OPERATIONS } from "../../core/acl";
import { clientOptions, type KafkaCluster, startKafkaCluster } from "./broker";
import { accessProbes, describeProbe, may, type Probe } from "./matrix";
import { aclBindings, applyTopics, applyUsers, replaceAcls, type StrimziAclRule, userName } from "./operator";
import { formatMismatches, type MatrixReport, ProbeClients, runMatrix } from "./probes";
import { seedTopics, warmUpCoordinators } from "./seed";
import { type StackUnderTest, stackUnderTest } from "./stack";

describe("real Kafka: access matrix (dev stack)", function () {
  let stack: StackUnderTest;
  let cluster: KafkaCluster;
  let admin: Admin;
  let clients: ProbeClients;

  before(async function () {
    stack = await stackUnderTest("dev");
    // TLS + SCRAM-SHA-512, as the platform's listeners.
    cluster = await startKafkaCluster({ tls: true });
    admin = new Admin(clientOptions(cluster, cluster.admin));
    // The matrix is about access; the topics exactly as rendered are checked in topic-configs.test.ts.
    // The dev topics fit the single dev broker as rendered (the environment's default replicas), and
    // their configs stay as rendered (zstd included: Node.js 24's zlib decompresses it).
    await applyTopics(admin, stack.topics);
    await applyUsers(cluster, admin, stack.users, (user) => stack.passwordOf(userName(user)));
    await seedTopics(cluster, stack.topics);
    await warmUpCoordinators(cluster, stack.topics);
    clients = new ProbeClients(cluster, admin);
  });

  after(async function () {
    await admin?.close();
    await cluster?.stop();
  });

  it("stores one ACL binding per rule and operation, and the quotas, for every user", async function () {
    for (const user of stack.users) {
      const principal = `User:${userName(user)}`;
      const described = await admin.describeAcls({
        filter: {
          resourceType: ResourceTypes.ANY,
          resourceName: null,
          resourcePatternType: ResourcePatternTypes.ANY,
          principal,
          host: null,
          operation: AclOperations.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      });
      const stored = described.flatMap((r) =>
        r.acls.map(
          (a) =>
            `${r.resourceType}:${r.resourcePatternType}:${r.resourceName}:${a.operation}:${a.permissionType}:${a.host}`,
        ),
      );
      const expected = aclBindings(user).map(
        (a) =>
          `${a.resourceType}:${a.resourcePatternType}:${a.resourceName}:${a.operation}:${a.permissionType}:${a.host}`,
      );
      assert.deepEqual(stored.sort(), expected.sort(), principal);

      const quotas = await admin.describeClientQuotas({
        components: [{ entityType: "user", matchType: 0, match: userName(user) }],
      });
      const values = Object.fromEntries((quotas[0]?.values ?? []).map((v) => [v.key, v.value]));
      const declared = user.spec?.quotas ?? {};
      assert.deepEqual(
        values,
        Object.fromEntries(
          [
            ["producer_byte_rate", declared.producerByteRate],
            ["consumer_byte_rate", declared.consumerByteRate],
            ["request_percentage", declared.requestPercentage],
            ["controller_mutation_rate", declared.controllerMutationRate],
          ].filter(([, v]) => v !== undefined),
        ),
        `${principal} quotas`,
      );
    }
  });

  it("allows every declared intent and denies everything else", async function () {
    const probes = accessProbes(stack.teams);
    const report = await runMatrix(clients, stack.passwordOf, probes);
    printCounts("dev", report, { perPrincipal: true });
    assert.ok(
      report.allowedOk >= stack.teams.flatMap((t) => t.applications).length,
      "some allowed probes ran",
    );
    assert.ok(report.deniedOk > report.allowedOk, "more denials than grants were checked");
    assert.equal(report.mismatches.length, 0, `access matrix mismatches:\n${formatMismatches(report)}`);
  });

  describe("test of the test", function () {
    /** Re-applies one user's rules changed by `change`, runs only that user's probes, then restores the rules. */
    async function matrixWithChangedRules(
      principal: string,
      change: (rules: StrimziAclRule[]) => StrimziAclRule[],
    ): Promise<MatrixReport> {
      const user = stack.users.find((u) => userName(u) === principal)!;
      const changed = {
        ...user,
        spec: {
          ...user.spec,
          authorization: { type: "simple", acls: change(user.spec!.authorization!.acls!) },
        },
      };
      await replaceAcls(admin, principal, aclBindings(changed));
      try {
        const probes = accessProbes(stack.teams).filter(
          (p: Probe) => p.kind !== "login" && p.app.principal === principal,
        );
        return await runMatrix(clients, stack.passwordOf, probes);
      } finally {
        await replaceAcls(admin, principal, aclBindings(user));
      }
    }

    it("catches a widened rule: a granted topic's literal rule turned into a prefix rule over its team's prefix", async function () {
      // An app reading a topic whose team owns further topics it may not read: the widened rule leaks them.
      const allTopics = stack.teams.flatMap((t) => t.topics);
      const candidates = stack.teams
        .flatMap((t) => t.applications)
        .flatMap((app) =>
          app.consumes.map((consumed) => {
            const owner = stack.teams.find((t) => t.topics.includes(consumed))!;
            const topicTeamPrefix = `${owner.prefix}.`;
            const leaked = allTopics.filter((t) => t.startsWith(topicTeamPrefix) && !may.read(app, t));
            return { app, consumed, topicTeamPrefix, leaked };
          }),
        );
      const widening = candidates.find((c) => c.leaked.length > 0);
      assert.ok(widening, "no app reads a topic of a team with further topics: extend the example teams");
      const { app, consumed, topicTeamPrefix, leaked } = widening;
      const report = await matrixWithChangedRules(app.principal, (rules) =>
        rules.map((r) =>
          r.resource.type === "topic" && r.resource.name === consumed
            ? { ...r, resource: { ...r.resource, name: topicTeamPrefix, patternType: "prefix" } }
            : r,
        ),
      );
      console.log(
        `    widened ${app.principal}: ${report.mismatches.length} mismatches, e.g.\n${formatMismatches(report).split("\n").slice(0, 3).join("\n")}`,
      );
      assert.ok(
        report.mismatches.some((m) => m.probe.kind === "consume" && leaked.includes(m.probe.topic)),
        `reading ${leaked.join(", ")} went unnoticed`,
      );
      assert.ok(
        report.mismatches.every((m) => !m.probe.expect && m.outcome.kind === "allowed"),
        "a widened rule only shows as accesses that should have been denied",
      );
    });

    /**
     * Changes the ACL compiler's operations for one intent kind, renders the dev stack again through
     * the program, re-applies every user's ACLs and runs the whole matrix; then restores all.
     */
    async function matrixWithCompilerChange(
      kind: keyof typeof INTENT_OPERATIONS,
      operations: AclOperation[],
    ): Promise<MatrixReport> {
      const original = INTENT_OPERATIONS[kind];
      INTENT_OPERATIONS[kind] = operations;
      try {
        const changed = await stackUnderTest("dev");
        for (const user of changed.users) await replaceAcls(admin, userName(user), aclBindings(user));
        return await runMatrix(clients, stack.passwordOf, accessProbes(stack.teams));
      } finally {
        INTENT_OPERATIONS[kind] = original;
        for (const user of stack.users) await replaceAcls(admin, userName(user), aclBindings(user));
      }
    }

    it("catches a widened rule in the compiler: consumers also get Write", async function () {
      const report = await matrixWithCompilerChange("consume", [...INTENT_OPERATIONS.consume, "Write"]);
      printCounts("dev, compiler widened", report);
      console.log(formatMismatches(report).split("\n").slice(0, 3).join("\n"));
      assert.ok(report.mismatches.length > 0, "the widened compiler went unnoticed");
      for (const { probe, outcome } of report.mismatches) {
        assert.ok(
          (probe.kind === "produce" || probe.kind === "transaction") &&
            !probe.expect &&
            outcome.kind === "allowed",
          `unexpected mismatch: ${describeProbe(probe)} (${outcome.kind})`,
        );
      }
    });

    it("catches a narrowed rule in the compiler: consumer groups lose Read", async function () {
      const report = await matrixWithCompilerChange("consumer-group", ["Describe"]);
      printCounts("dev, compiler narrowed", report);
      console.log(formatMismatches(report).split("\n").slice(0, 3).join("\n"));
      assert.ok(report.mismatches.length > 0, "the narrowed compiler went unnoticed");
      for (const { probe, outcome } of report.mismatches) {
        assert.ok(
          probe.kind === "consume" &&
            probe.expect &&
            outcome.kind === "denied" &&
            outcome.reason === "GROUP_AUTHORIZATION_FAILED",
          `unexpected mismatch: ${describeProbe(probe)} (${outcome.kind})`,
        );
      }
    });
  });
});

function printCounts(
  stackName: string,
  report: MatrixReport,
  options: { perPrincipal?: boolean } = {},
): void {
  const counts = (results: MatrixReport["results"]) =>
    `${results.filter((r) => r.ok && r.probe.expect).length} allowed ok / ` +
    `${results.filter((r) => r.ok && !r.probe.expect).length} denied ok / ${results.filter((r) => !r.ok).length} mismatches`;
  console.log(`    access matrix (${stackName}): ${report.results.length} probes: ${counts(report.results)}`);
  if (!options.perPrincipal) return;
  const principal = (r: MatrixReport["results"][number]) =>
    r.probe.kind === "login" ? r.probe.username : r.probe.app.principal;
  for (const name of [...new Set(report.results.map(principal))]) {
    const results = report.results.filter((r) => principal(r) === name);
    console.log(`      ${name.padEnd(28)} ${String(results.length).padStart(3)} probes: ${counts(results)}`);
  }
}
