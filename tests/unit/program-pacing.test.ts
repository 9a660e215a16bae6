import * as assert from "assert";
import { runProgram } from "../../harness/engine";

const TEAM_TYPE = "kafka-platform:teams:KafkaTeam";

describe("program: one team per turn of the event loop", () => {
  it("registers every resource of a team before it declares the next team", async function () {
    this.timeout(60_000);
    // Without the yield, all teams are declared in one synchronous loop and the team components
    // reach the engine before any team's topics (docs/performance.md: garbage collection dominated).
    const run = await runProgram({ stack: "dev" });
    const teamOf = (urn: string) => run.resources.find((r) => r.type === TEAM_TYPE && r.urn === urn)?.name;
    const sequence: string[] = [];
    for (const r of run.resources) {
      const team = r.type === TEAM_TYPE ? r.name : r.parent ? teamOf(r.parent) : undefined;
      if (team && sequence[sequence.length - 1] !== team) sequence.push(team);
    }
    assert.ok(sequence.length >= 3, `expected the committed teams, got ${sequence.join(", ")}`);
    assert.deepStrictEqual(
      sequence,
      [...new Set(sequence)],
      "a team's registrations are interleaved with another's",
    );
  });
});
