import * as assert from "assert";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { floorProgram } from "../../../bench/floor-program";
import { writeOrganisation } from "../../../bench/organisation";
import { checkPolicies } from "../../../cli/commands/policy";
import { loadTeams } from "../../../core/teams";
import { PROJECT_ROOT, runProgram } from "../../../harness/engine";
import { readPackConfig } from "../../../policies/offline/config";

describe("bench: synthetic organisations", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-bench-org-"));
  writeOrganisation(dir, { teams: 4, topicsPerTeam: 6, appsPerTeam: 3 });

  it("are valid team files using grants, transactions and Streams", () => {
    const org = loadTeams(dir);
    assert.strictEqual(org.teams.length, 4);
    assert.strictEqual(org.teams.flatMap((t) => t.topics).length, 24);
    const apps = org.teams.flatMap((t) => t.applications);
    assert.ok(apps.some((a) => a.transactional));
    assert.ok(apps.some((a) => a.streams));
    assert.strictEqual(org.teams.filter((t) => t.topics[0].grants.length > 0).length, 3);
  });

  it("pass the prod policy pack, so the benchmark measures a compliant organisation", async function () {
    this.timeout(120_000);
    const run = await runProgram({ stack: "prod", teamsDir: dir });
    const configFile = path.join(PROJECT_ROOT, "policies", "config", "prod.json");
    const result = await checkPolicies(run, { config: readPackConfig(configFile, "prod.json"), configFile });
    assert.deepStrictEqual(
      result.violations.filter((v) => v.level === "mandatory"),
      [],
    );
  });

  it("the floor registers exactly the number of plain Strimzi resources it is given", async () => {
    const run = await runProgram({ stack: "prod", program: floorProgram(7) });
    const topics = run.resources.filter((r) => r.type === "kubernetes:kafka.strimzi.io/v1:KafkaTopic");
    assert.strictEqual(topics.length, 7);
    assert.strictEqual(run.resources.length, 1 + 7, "the stack and the topics, nothing else");
  });

  it("the paced floor registers the same resources, only yielding between batches", async () => {
    const plain = await runProgram({ stack: "prod", program: floorProgram(7) });
    const paced = await runProgram({ stack: "prod", program: floorProgram(7, { batch: 3 }) });
    const inputs = (run: typeof plain) => run.resources.map((r) => [r.urn, r.inputs]);
    assert.deepStrictEqual(inputs(paced), inputs(plain));
  });
});
