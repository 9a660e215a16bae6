/**
 * The CLI's contract: exit 0 success, 1 findings, 2 usage errors, 3 internal errors; every
 * subcommand's --help describes each of its options and shows an example.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { Command, EXIT_INTERNAL } from "../../../cli/command";
import { COMMANDS, main } from "../../../cli/main";
import { PROJECT_ROOT } from "../../../harness/engine";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("kafka-platform CLI contract", function () {
  this.timeout(120_000);

  for (const command of COMMANDS) {
    it(`${command.name} --help describes every option and shows an example`, async () => {
      const r = await cli(command.name, "--help");
      assert.equal(r.code, 0);
      assert.ok(r.out.startsWith(`Usage: kafka-platform ${command.usage}\n`), r.out);
      for (const [name, option] of Object.entries(command.options)) {
        assert.ok(option.description.length > 10, `--${name} is described`);
        assert.match(
          r.out,
          new RegExp(`^  --${name}\\b.* ${option.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"),
        );
      }
      assert.ok(command.examples.length > 0);
      for (const example of command.examples) {
        assert.ok(example.startsWith(`kafka-platform ${command.name}`));
        assert.ok(r.out.includes(`\n  ${example}`));
      }
      assert.match(r.out, /Exit status: 0 success, 1 findings .*, 2 usage error, 3 internal error\.$/);
    });
  }

  it("every option a command parses is one its --help lists (usage names them too)", () => {
    for (const command of COMMANDS) {
      for (const name of Object.keys(command.options))
        assert.ok(command.usage.includes(`--${name}`), `${command.name} --${name}`);
    }
  });

  it("exits 2 for a missing --teams directory, for every command that reads team files", async () => {
    for (const argv of [
      ["check", "--teams", "no-such-dir"],
      ["explain", "--teams", "no-such-dir"],
      ["codeowners", "--check", "--teams", "no-such-dir"],
      ["policy", "--stack", "dev", "--teams", "no-such-dir"],
      ["render", "--stack", "dev", "--out", path.join(tmpdir(), "kp-never"), "--teams", "no-such-dir"],
    ]) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.err}`);
      assert.match(
        r.err,
        new RegExp(`^kafka-platform ${argv[0]}: no such directory of team files: "no-such-dir" \\(usage: `),
      );
    }
  });

  it("exits 2 for an unknown stack, naming the stacks", async () => {
    const r = await cli("policy", "--stack", "staging");
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'kafka-platform policy: unknown stack "staging" (stacks: dev, local, prod) (usage: kafka-platform policy --stack S [--teams DIR] [--config FILE])',
    );
  });

  it("exits 3 for an internal error, in one line without a stack trace", async () => {
    const broken: Command = {
      name: "broken",
      summary: "Fails.",
      usage: "broken",
      options: {},
      examples: ["kafka-platform broken"],
      run: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    };
    COMMANDS.push(broken);
    try {
      const err: string[] = [];
      const code = await main(["broken"], { out: () => {}, err: (t) => err.push(t) });
      assert.equal(code, EXIT_INTERNAL);
      assert.deepEqual(err, [
        "kafka-platform broken: internal error: Cannot read properties of undefined (reading 'x') (please report it; KAFKA_PLATFORM_DEBUG=1 shows the stack)",
      ]);
    } finally {
      COMMANDS.pop();
    }
  });

  it("a reader that closes the pipe early (| head) ends no command in a stack trace; the exit status stays", async () => {
    // The reader is gone before the CLI writes: every write to stdout fails with EPIPE.
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/kafka-platform.js"), "check"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });
});

describe("a team cannot weaken production through its own file", function () {
  this.timeout(120_000);

  /** A copy of the shipped teams with payments.yaml changed by `edit`. */
  function teamsWith(edit: (text: string) => string): string {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-team-edit-"));
    cpSync(path.join(PROJECT_ROOT, "teams"), dir, { recursive: true });
    const file = path.join(dir, "payments.yaml");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    return dir;
  }

  it("a waiver in the team file is a located error, not an advisory", async () => {
    const dir = teamsWith(
      (t) =>
        t.replace("  - name: payments.order-replays", "  - name: payments.order-replays\n    replicas: 1") +
        'waivers:\n  - policy: topic-durability\n    resource: payments.order-replays\n    reason: mine\n    expires: "2999-12-31"\n',
    );
    const r = await cli("policy", "--stack", "prod", "--teams", dir);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /\/payments\.yaml:\d+:1: waivers: waivers are no longer set in team files: they live in platform\/waivers\.yaml/,
    );
    assert.doesNotMatch(r.out, /\[advisory\]/);
  });

  it("what it can write (replicas, quotas, topic configs) stays a mandatory violation in prod", async () => {
    const dir = teamsWith((t) =>
      t
        .replace("  - name: payments.order-replays", "  - name: payments.order-replays\n    replicas: 5")
        .replace("requestPercentage: 25", "requestPercentage: 100000")
        .replace("compression.type: zstd", "unclean.leader.election.enable: true"),
    );
    const r = await cli("policy", "--stack", "prod", "--teams", dir);
    assert.equal(r.code, 1, r.err);
    const mandatory = r.out.split("\n").filter((l) => l.startsWith("[mandatory]"));
    const policies = [...new Set(mandatory.map((l) => l.split(" ")[1].replace(/:$/, "")))].sort();
    assert.deepEqual(policies, ["topic-broker-compatibility", "user-quota-ceilings"]);
    assert.ok(mandatory.some((l) => /asks for 5 replicas, but the cluster has 3 broker\(s\)/.test(l)));
    // Located at the topic's line in its team file (the objects' annotation names only the file).
    const line =
      readFileSync(path.join(dir, "payments.yaml"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("- name: payments.order-replays")) + 1;
    assert.ok(
      mandatory.some((l) => l.includes(`payments.yaml:${line}): `) && /asks for 5 replicas/.test(l)),
      mandatory.join("\n"),
    );
    assert.ok(mandatory.some((l) => /enables unclean\.leader\.election\.enable/.test(l)));
    assert.ok(mandatory.some((l) => /requestPercentage 100000, above the prod ceiling of 200/.test(l)));
  });
});
