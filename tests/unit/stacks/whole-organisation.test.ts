import { strict as assert } from "assert";
import { runProgram } from "../../../harness/engine";
import { EXAMPLE_TEAMS, KAFKA_TEAM, SPLIT } from "./support";

/** `policy` and `render` run with `wholeOrganisation`: organisation-wide policies must see every team. */
describe("split layout: policy and render see the whole organisation", () => {
  const teamsOf = (run: Awaited<ReturnType<typeof runProgram>>) =>
    run.resources.filter((r) => r.type === KAFKA_TEAM).map((r) => r.name);

  it("the split platform stack alone declares no team; the whole-organisation run declares every team", async () => {
    const platform = await runProgram({ stack: "prod", configOverrides: SPLIT });
    assert.deepEqual(teamsOf(platform), []);
    const whole = await runProgram({ stack: "prod", configOverrides: SPLIT, wholeOrganisation: true });
    assert.deepEqual(teamsOf(whole), EXAMPLE_TEAMS);
  });

  it("still validates the split layout's groups", async () => {
    await assert.rejects(
      runProgram({
        stack: "prod",
        configOverrides: { stacks: { layout: "split", groups: { small: ["no-such-team"] } } },
        wholeOrganisation: true,
      }),
      /no-such-team/,
    );
  });

  it("is what `policy` and `render` ask for", () => {
    const fs = require("fs") as typeof import("fs");
    for (const file of ["cli/commands/policy.ts", "cli/commands/render.ts"])
      assert.match(fs.readFileSync(file, "utf8"), /wholeOrganisation: true/, file);
  });
});
