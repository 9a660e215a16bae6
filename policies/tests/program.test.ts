/**
 * The whole program under the engine harness, checked by the pack as `kafka-platform policy` does:
 * the committed team files pass both stacks; seeded violating team files fail with the expected
 * policy names and levels.
 */
import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../cli/main";
import { policyCheck } from "../../cli/commands/policy";
import { strimziType } from "../lib/strimzi";
import { runProgram } from "../../harness/engine";
import { clockAt } from "./helpers";

const VIOLATING_TEAMS = path.join(__dirname, "fixtures", "violating-teams");

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

/**
 * At least what the committed team files declare (teams/*.yaml: 8 topics, 6 applications), so a
 * program that stops registering team objects fails here instead of passing with nothing checked.
 */
const MIN_COMMITTED = { KafkaTopic: 8, KafkaUser: 6 } as const;

describe("policy pack over the whole program", function () {
  this.timeout(120_000);

  for (const stack of ["dev", "prod"]) {
    it(`kafka-platform policy --stack ${stack} passes with the committed teams`, async () => {
      const { code, out, err } = await cli(["policy", "--stack", stack]);
      assert.equal(code, 0, [...out, ...err].join("\n"));
      assert.doesNotMatch(out.join("\n"), /\[mandatory\]/);
      const summary = new RegExp(`^${stack}: (\\d+) resources checked, 0 mandatory`).exec(
        out[out.length - 1],
      );
      assert.ok(summary, out[out.length - 1]);
      // The CLI checks every resource of the program's run: count the team objects among them.
      const run = await runProgram({ stack });
      assert.equal(Number(summary[1]), run.resources.length);
      for (const [kind, min] of Object.entries(MIN_COMMITTED)) {
        const checked = run.resources.filter(
          (r) => r.type === strimziType(kind as keyof typeof MIN_COMMITTED),
        );
        assert.ok(
          checked.length >= min,
          `${stack}: ${checked.length} ${kind}(s) checked, expected at least ${min}`,
        );
      }
    });
  }

  it("rejects an unknown config file and a missing stack cleanly", async () => {
    const missing = await cli(["policy", "--stack", "prod", "--config", "no-such.json"]);
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.err, [
      'kafka-platform policy: no such policy pack config file: "no-such.json" (usage: kafka-platform policy --stack S [--teams DIR] [--config FILE])',
    ]);
    assert.equal((await cli(["policy"])).code, 2);
  });

  describe("seeded violating team files", () => {
    it("fail prod with the expected policies as mandatory, and print them", async () => {
      const { code, out } = await cli(["policy", "--stack", "prod", "--teams", VIOLATING_TEAMS]);
      assert.equal(code, 1, out.join("\n"));
      const mandatory = out.filter((l) => l.startsWith("[mandatory]"));
      const policies = new Set(mandatory.map((l) => l.split(" ")[1].replace(/:$/, "")));
      assert.deepEqual([...policies].sort(), ["topic-durability", "topic-naming", "topic-retention"]);
      assert.ok(
        mandatory.some((l) =>
          /^\[mandatory\] topic-retention: KafkaTopic\/payments\/payments\.orders\.v1 \(policies\/tests\/fixtures\/violating-teams\/payments\.yaml:4\): topic "payments\.orders\.v1" retains data for 60d/.test(
            l,
          ),
        ),
      );
      assert.ok(mandatory.some((l) => /topic-naming: .*"payments\.Audit_Log" does not match/.test(l)));
      assert.ok(
        mandatory.some((l) =>
          /topic-durability: .*200 partitions, more than the prod maximum of 100/.test(l),
        ),
      );
    });

    it("report the waived violation as advisory until it expires, then mandatory", async () => {
      // The platform team's waiver file, with an expiry within its 90 days.
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const waiversFile = path.join(mkdtempSync(path.join(tmpdir(), "waivers-")), "waivers.yaml");
      writeFileSync(
        waiversFile,
        [
          "waivers:",
          "  - team: payments",
          "    resource: payments.ledger.v1",
          "    policy: topic-retention",
          "    reason: Ledger migration keeps 45 days until the archive job ships.",
          '    approver: "@acme/kafka-platform"',
          `    expires: "${expires}"`,
          "",
        ].join("\n"),
      );
      const ledger = (r: { violations: { policy: string; level: string; message: string }[] }) =>
        r.violations.filter(
          (v) => v.policy === "topic-retention" && v.message.includes("payments.ledger.v1"),
        );
      const before = await policyCheck({
        stack: "prod",
        teamsDir: VIOLATING_TEAMS,
        waiversFile,
        clock: clockAt(`${expires}T12:00:00Z`),
      });
      assert.deepEqual(
        ledger(before).map((v) => v.level),
        ["advisory"],
      );
      assert.match(ledger(before)[0].message, /\[waived by @acme\/kafka-platform until /);
      const dayAfter = new Date(Date.parse(`${expires}T00:00:00Z`) + 86_400_000).toISOString();
      const after = await policyCheck({
        stack: "prod",
        teamsDir: VIOLATING_TEAMS,
        waiversFile,
        clock: clockAt(dayAfter),
      });
      assert.deepEqual(
        ledger(after).map((v) => v.level),
        ["mandatory"],
      );
    });

    it("advise on retention in dev, but refuse what the shared dev broker cannot take", async () => {
      const { code, out } = await cli(["policy", "--stack", "dev", "--teams", VIOLATING_TEAMS]);
      assert.equal(code, 1, out.join("\n"));
      assert.ok(out.some((l) => /^\[advisory\] topic-retention: .*more than the dev maximum of 7d/.test(l)));
      assert.deepEqual(
        out.filter((l) => l.startsWith("[mandatory]")),
        [
          `[mandatory] shared-broker-capacity: KafkaTopic/payments/payments.clicks.v1 (${path.relative(process.cwd(), VIOLATING_TEAMS)}/payments.yaml:8): topic "payments.clicks.v1" has 200 partitions; a topic on the shared dev brokers has at most 24`,
        ],
      );
    });
  });
});
