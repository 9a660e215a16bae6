import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { wholeOrganisationPolicy } from "../../../cli/commands/stacks";
import { PROJECT_ROOT } from "../../../harness/engine";

/**
 * `up|preview --policy-pack` in the split layout runs the pack over the whole organisation first
 * (`kafka-platform policy` in a child process): a team stack's stack policies see only that stack.
 */
describe("kafka-platform up|preview: the policy pack over the whole organisation first", function () {
  this.timeout(120_000);
  const lines: string[] = [];
  const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };

  it("lets the run go on when the organisation has no mandatory violation", async () => {
    assert.equal(await wholeOrganisationPolicy("dev", undefined, io), undefined);
    assert.ok(
      lines.some((l) => /^policy: dev: \d+ resources checked, 0 mandatory/.test(l)),
      lines.join("\n"),
    );
  });

  it("stops the run, naming the command, when the pack finds a mandatory violation", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    try {
      const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies/config/dev.json"), "utf8"));
      // dev's example topics have advisory retention findings; made mandatory, they stop the run.
      config["topic-retention"] = { ...config["topic-retention"], enforcementLevel: "mandatory" };
      const file = path.join(dir, "dev.json");
      fs.writeFileSync(file, JSON.stringify(config));
      lines.length = 0;
      const reason = await wholeOrganisationPolicy("dev", file, io);
      assert.match(
        reason ?? "",
        /kafka-platform policy --stack dev\) found mandatory violations; nothing was run/,
      );
      assert.ok(
        lines.some((l) => /^policy: .*topic-retention/.test(l)),
        lines.join("\n"),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
