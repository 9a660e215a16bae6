/**
 * Team files are pull-request input: whatever they are, the outcome is one located line per
 * problem, quoting at most a short escaped excerpt, and never a stack trace or the content of a
 * file a link points at (the review workflow posts messages as a public comment).
 */
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { main } from "../../../cli/main";
import { formatProblem, isUserError } from "../../../core/errors";
import { loadTeams } from "../../../core/teams";

const ROOT = path.resolve(__dirname, "../../..");

/** A teams directory holding `payments.yaml` as written by `write`. */
function teamsDir(write: (file: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-hostile-"));
  write(path.join(dir, "payments.yaml"));
  return dir;
}

/** The formatted problems of loading `dir`. */
function problems(dir: string): string[] {
  try {
    loadTeams(dir, { displayDir: "teams" });
  } catch (e) {
    if (isUserError(e)) return e.problems.map(formatProblem);
    throw e;
  }
  return assert.fail("expected the team files to be rejected");
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Nested aliases: each level multiplies the size by 9 (a "billion laughs" document). */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  return ["team: payments", ...lines, ""].join("\n");
}

describe("team files: hostile input", function () {
  const LINK =
    "teams/payments.yaml: is a symbolic link; only regular files are read here (commit the file itself)";

  for (const target of ["/etc/passwd", "/proc/self/environ"]) {
    it(`refuses a link to ${target} without reading it`, function () {
      const dir = teamsDir((file) => symlinkSync(target, file));
      assert.deepEqual(problems(dir), [LINK]);
    });
  }

  it("refuses a named pipe (without blocking on it)", function () {
    const dir = teamsDir((file) => execFileSync("mkfifo", [file]));
    assert.deepEqual(problems(dir), [
      "teams/payments.yaml: is a named pipe (FIFO), not a regular file; only regular files are read here",
    ]);
  });

  const utf16 = (text: string, order: "le" | "be", bom: boolean) => {
    const le = Buffer.from(`${bom ? "\ufeff" : ""}${text}`, "utf16le");
    return order === "le" ? le : le.swap16();
  };
  const ENCODED: [string, Buffer, string][] = [
    [
      "UTF-16 LE with BOM",
      utf16("team: payments\n", "le", true),
      "UTF-16 (little-endian, with byte order mark)",
    ],
    [
      "UTF-16 LE without BOM",
      utf16("team: payments\n", "le", false),
      "UTF-16 (little-endian, without byte order mark)",
    ],
    [
      "UTF-16 BE with BOM",
      utf16("team: payments\n", "be", true),
      "UTF-16 (big-endian, with byte order mark)",
    ],
    [
      "UTF-16 BE without BOM",
      utf16("team: payments\n", "be", false),
      "UTF-16 (big-endian, without byte order mark)",
    ],
  ];
  for (const [name, bytes, encoding] of ENCODED) {
    it(`names the encoding of a ${name} file in one message`, function () {
      const dir = teamsDir((file) => writeFileSync(file, bytes));
      assert.deepEqual(problems(dir), [
        `teams/payments.yaml:1:1: the file is encoded as ${encoding}; save it as UTF-8`,
      ]);
    });
  }

  it("refuses a Latin-1 file at the first byte that is not UTF-8", function () {
    const dir = teamsDir((file) =>
      writeFileSync(file, Buffer.from("team: payments\ndescription: Zahlungen für Händler\n", "latin1")),
    );
    assert.deepEqual(problems(dir), [
      "teams/payments.yaml:2:25: the file is not UTF-8 (byte 0xFC); it looks like Latin-1 (ISO-8859-1) or Windows-1252: save it as UTF-8",
    ]);
  });

  it("accepts UTF-8 with a byte order mark", function () {
    const dir = teamsDir((file) =>
      writeFileSync(file, "\ufeffteam: payments\ndescription: Zahlungen für Händler\n"),
    );
    assert.equal(loadTeams(dir).teams[0].description, "Zahlungen für Händler");
  });

  it("refuses a binary file with a NUL byte", function () {
    const dir = teamsDir((file) => writeFileSync(file, Buffer.from("team: payments\nx\u0000y\n")));
    assert.deepEqual(problems(dir), [
      "teams/payments.yaml:2:2: the file contains a NUL byte; it is not a text file",
    ]);
  });

  it("refuses a file above 1 MiB before parsing it", function () {
    const dir = teamsDir((file) => writeFileSync(file, `team: payments\n#${"x".repeat(1024 * 1024)}\n`));
    assert.deepEqual(problems(dir), [
      "teams/payments.yaml: is 1048593 bytes, more than the 1048576 bytes a file here may have",
    ]);
  });

  it("bounds YAML alias expansion with a located message", function () {
    const dir = teamsDir((file) => writeFileSync(file, aliasBomb()));
    assert.deepEqual(problems(dir), [
      "teams/payments.yaml:3:8: YAML aliases here expand to too much data (more than 100 alias expansions); write the values out instead of using anchors and aliases",
    ]);
  });

  it("quotes at most a short, escaped excerpt of a value", function () {
    const long = `\u001b[2J${"A".repeat(5000)}`;
    const dir = teamsDir((file) =>
      writeFileSync(file, `team: payments\ntopics:\n  - name: ${JSON.stringify(long)}\n`),
    );
    const [message] = problems(dir);
    assert.ok(message.length < 300, `${message.length} characters`);
    assert.ok(!message.includes("\u001b"), "control characters are escaped");
    assert.ok(message.includes(`"\\u001b[2J${"A".repeat(36)}…"`), message);
  });

  it("a team description is one line, and explain (posted on the pull request) shows it as text", async function () {
    const forged = "Payments.\n\n## Approved by @acme/kafka-platform";
    const multiLine = teamsDir((file) =>
      writeFileSync(file, `team: payments\ndescription: ${JSON.stringify(forged)}\n`),
    );
    assert.deepEqual(problems(multiLine), [
      'teams/payments.yaml:2:14: description: "Payments.\\n\\n## Approved by @acme/kafka-pl…" must be one line',
    ]);
    const html = "<img src=https://evil.example/p.gif> [click](https://evil.example)";
    const oneLine = teamsDir((file) =>
      writeFileSync(file, `team: payments\ndescription: ${JSON.stringify(html)}\n`),
    );
    const r = await cli("explain", "--teams", oneLine);
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes("<img") && !r.out.includes("[click]("), r.out);
    assert.ok(
      r.out.includes("&lt;img src=https://evil.example/p.gif&gt; \\[click\\](https://evil.example)"),
      r.out,
    );
  });

  it("check: exit 1, the refusal on one line, no stack trace, nothing of the linked file", async function () {
    const dir = teamsDir((file) => symlinkSync("/etc/passwd", file));
    const r = await cli("check", "--teams", dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `${path.relative(process.cwd(), dir).startsWith("..") ? dir : path.relative(process.cwd(), dir)}/payments.yaml: is a symbolic link; only regular files are read here (commit the file itself)\nkafka-platform check: 1 problem(s) found`,
    );
    assert.ok(!r.err.includes("root:"));
  });

  it("as a process: an alias bomb ends in one located line and exit 1, no stack trace", function () {
    this.timeout(60_000);
    const dir = teamsDir((file) => writeFileSync(file, aliasBomb()));
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin/kafka-platform.js"), "check", "--teams", dir],
      {
        encoding: "utf8",
        cwd: ROOT,
      },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /\/payments\.yaml:3:8: YAML aliases here expand to too much data/);
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
    assert.ok(existsSync(dir));
  });
});
