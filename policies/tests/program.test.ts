/**
 * The whole program under the engine harness, checked by the pack as `kafka-platform policy` does:
 * the committed team files pass both stacks; seeded violating team files fail with the expected
 * policy names and levels.
 */
import { strict as assert } from "assert";
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
    assert.equal(missing.code, 1);
    assert.match(missing.err.join("\n"), /no-such\.json: no such policy pack config file/);
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
          /topic-retention: KafkaTopic\/\S+: topic "payments\.orders\.v1" retains data for 60d/.test(l),
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
      const ledger = (r: { violations: { policy: string; level: string; message: string }[] }) =>
        r.violations.filter(
          (v) => v.policy === "topic-retention" && v.message.includes("payments.ledger.v1"),
        );
      const before = await policyCheck({
        stack: "prod",
        teamsDir: VIOLATING_TEAMS,
        clock: clockAt("2029-12-31T12:00:00Z"),
      });
      assert.deepEqual(
        ledger(before).map((v) => v.level),
        ["advisory"],
      );
      const after = await policyCheck({
        stack: "prod",
        teamsDir: VIOLATING_TEAMS,
        clock: clockAt("2030-01-02T00:00:00Z"),
      });
      assert.deepEqual(
        ledger(after).map((v) => v.level),
        ["mandatory"],
      );
    });

    it("only advise in dev, where topic policies are advisory", async () => {
      const { code, out } = await cli(["policy", "--stack", "dev", "--teams", VIOLATING_TEAMS]);
      assert.equal(code, 0, out.join("\n"));
      assert.ok(out.some((l) => /^\[advisory\] topic-retention: .*more than the dev maximum of 7d/.test(l)));
    });
  });
});
