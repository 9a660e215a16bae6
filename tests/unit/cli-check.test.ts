import { strict as assert } from "assert";
import * as path from "path";
import { compileAcls } from "../../core/acl";
import { loadTeams } from "../../core/teams";
import { cli } from "./support/cli";

const ROOT = path.join(__dirname, "../..");
const FIXTURES = path.join(__dirname, "teams/fixtures");

describe("kafka-platform check", function () {
  it("accepts the example team files", async function () {
    const r = await cli("check");
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, "teams: 3 teams, 9 topics, 7 applications: OK");
  });

  it("exits 1 with every located problem and a count", async function () {
    const r = await cli("check", "--teams", "tests/unit/teams/fixtures/grants");
    assert.equal(r.code, 1);
    const lines = r.err.split("\n");
    assert.equal(lines.length, 6);
    assert.equal(
      lines[0],
      'tests/unit/teams/fixtures/grants/payments.yaml:5:34: grants[0].topics[1]: "billing.invoices.v1" belongs to team "billing"; a team can grant only its own topics',
    );
    assert.equal(lines[5], "kafka-platform check: 5 problem(s) found");
    assert.ok(!r.err.includes("    at "), "no stack trace");
  });

  it("reports a YAML syntax error without a stack trace", async function () {
    const r = await cli("check", "--teams", path.join(FIXTURES, "yaml-syntax"));
    assert.equal(r.code, 1);
    assert.match(r.err, /payments\.yaml:5:1: YAML syntax error: /);
    assert.ok(!r.err.includes("internal error"));
  });

  it("rejects the namespaces and principals the platform uses by default, add-ons' included", async function () {
    const r = await cli("check", "--teams", "tests/unit/teams/fixtures/valid-platform-names");
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.split("\n").slice(0, 3), [
      'tests/unit/teams/fixtures/valid-platform-names/gitops.yaml:2:12: namespace: namespace "argocd" is reserved for the platform; set namespace to one of the team\'s own',
      'tests/unit/teams/fixtures/valid-platform-names/ops.yaml:2:12: namespace: namespace "monitoring" is reserved for the platform; set namespace to one of the team\'s own',
      'tests/unit/teams/fixtures/valid-platform-names/platform.yaml:3:11: applications[0].name: "admin" gives the principal "platform-admin", which the platform reserves',
    ]);
  });

  it("exits 2 on an unknown option", async function () {
    assert.equal((await cli("check", "--stack", "dev")).code, 2);
  });
});

describe("kafka-platform explain", function () {
  const org = loadTeams(path.join(ROOT, "teams"), { displayDir: "teams" });

  it("shows every ACL rule of every application with its intent, as Markdown", async function () {
    const r = await cli("explain");
    assert.equal(r.code, 0, r.err);
    for (const team of org.teams) {
      assert.ok(r.out.includes(`# Team \`${team.name}\``));
      for (const app of team.applications) {
        const section = r.out.split(`## Application \`${app.name}\``)[1].split("\n## ")[0];
        assert.ok(section.includes(`Principal \`${app.principal}\``));
        for (const [i, { rule, intent }] of compileAcls(app).entries()) {
          assert.ok(
            section.includes(
              `| ${i} | ${rule.resource.type} \`${rule.resource.name}\` | ${rule.resource.patternType} | ${rule.operations.join(", ")} | ${intent.kind}: ${intent.reason} |`,
            ),
            `${app.principal} rule ${i}`,
          );
        }
      }
    }
  });

  it("names the credentials Secret, quotas and client settings", async function () {
    const r = await cli("explain", "--team", "payments");
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes("# Team `billing`"), "only the requested team");
    assert.ok(
      r.out.includes(
        "Credentials: Secret `payment-processor-kafka-credentials` in namespace `payments` with keys `bootstrap.servers`, `username`, `password`, `sasl.mechanism`, `security.protocol`, `sasl.jaas.config`, `ca.crt`.",
      ),
    );
    assert.ok(
      r.out.includes(
        "Quotas: producerByteRate 4194304, consumerByteRate 4194304, requestPercentage 50, controllerMutationRate 10.",
      ),
    );
    assert.ok(r.out.includes("- `transactional.id` starts with `payments.payment-processor`"));
    assert.ok(r.out.includes("- `group.id` starts with `payments.processor`"));
    assert.ok(
      r.out.includes(
        "| 1 | group `payments.settlement-worker` | literal | Read, Describe | share-group: joins share group",
      ),
    );
    assert.ok(
      r.out.includes(
        "- share consumer (`KafkaShareConsumer`) with `group.id` = `payments.settlement-worker`; group configs set by the platform: `share.auto.offset.reset=earliest`",
      ),
    );
    assert.ok(
      r.out.includes(
        "| `payments.payment-events.v1` | 6 | env default | 2w | delete | protect | billing (read), fraud (read) |",
      ),
    );
    assert.ok(!r.out.includes("## Waivers"), "the shipped teams need no waivers");
  });

  it("--stacks shows each stack's value where the team file leaves it to the environment", async function () {
    const r = await cli("explain", "--team", "payments", "--stacks", "dev,prod");
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes("env default"));
    assert.ok(
      r.out.includes(
        "| `payments.customer-state.v1` | dev 1 · prod 6 | dev 1 · prod 3 | infinite | compact | protect | fraud (read) |",
      ),
    );
    const without = await cli("explain", "--team", "payments");
    assert.ok(
      without.out.includes("| `payments.customer-state.v1` | env default | env default | infinite |"),
    );
  });

  it("--stacks names a missing stack file", async function () {
    const r = await cli("explain", "--stacks", "dev,staging");
    assert.equal(r.code, 2);
    assert.match(r.err, /^kafka-platform explain: unknown stack "staging" \(stacks: dev, local, prod\)/);
  });

  it("exits 2 for an unknown team, suggesting the closest", async function () {
    const r = await cli("explain", "--team", "payment");
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown team "payment" \(did you mean "payments"\?\)/);
  });

  it("exits 1 with located problems for invalid team files", async function () {
    const r = await cli("explain", "--teams", path.join(FIXTURES, "access"));
    assert.equal(r.code, 1);
    assert.match(r.err, /4 problem\(s\) found/);
  });
});
