import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { loadTeams } from "../../../core/teams";

/** A team that consumes a topic of the next team, which grants it read access. */
function teamFile(i: number, count: number): string {
  const name = (n: number) => `team${String((n + count) % count).padStart(4, "0")}`;
  const t = name(i);
  return [
    `team: ${t}`,
    "topics:",
    ...[0, 1, 2, 3, 4].map((j) => `  - name: ${t}.topic${j}.v1`),
    "applications:",
    `  - name: producer\n    produces: [${t}.topic0.v1, ${t}.topic1.v1]`,
    `  - name: consumer\n    consumes: [${t}.topic2.v1, ${name(i + 1)}.topic0.v1]`,
    `  - name: streams\n    streams: true\n    transactional: true\n    consumes: [${t}.topic3.v1]\n    produces: [${t}.topic4.v1]`,
    "grants:",
    `  - topics: [${t}.topic0.v1]\n    to: [${name(i - 1)}]`,
  ].join("\n");
}

describe("team files: scale", function () {
  // Speed is measured by `npm run bench` (checkMs), not asserted here.
  it("validates a large organisation of 300 teams with grants between neighbours", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "teams-scale-"));
    try {
      const count = 300;
      for (let i = 0; i < count; i++) {
        writeFileSync(path.join(dir, `team${String(i).padStart(4, "0")}.yaml`), teamFile(i, count));
      }
      const org = loadTeams(dir);
      assert.equal(org.teams.length, count);
      assert.equal(org.teams[0].applications[1].consumes[1].via, "grant");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
