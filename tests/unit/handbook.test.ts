/**
 * The handbook (docs/) names real things: every link and anchor resolves, every `kafka-platform:*` key exists in
 * the config schema, every npm script, CLI command and repository path it mentions exists, and the security
 * concept's intent → ACL table says what the ACL compiler does.
 */
import { strict as assert } from "assert";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { z } from "zod";
import { main } from "../../cli/main";
import { compileAcls, INTENT_OPERATIONS } from "../../core/acl";
import { CONFIG_KEYS } from "../../core/config";
import { GroupProtocol, TeamApplication } from "../../core/teams";

const ROOT = path.resolve(__dirname, "../..");

/** The handbook pages this test holds to account (the delivery and operations pages and the index). */
const PAGES = [
  "docs/README.md",
  "docs/architecture.md",
  "docs/security.md",
  "docs/delivery.md",
  "docs/choosing-a-broker.md",
  "docs/lessons-learned.md",
  "docs/runbooks/admin-client.md",
  "docs/runbooks/first-install.md",
  "docs/runbooks/upgrade.md",
  "docs/runbooks/scaling.md",
  "docs/runbooks/backup-restore.md",
  "docs/runbooks/zookeeper-to-kraft.md",
  "docs/runbooks/credential-rotation.md",
  "docs/runbooks/drift.md",
  "docs/stacks.md",
  "docs/runbooks/split-stacks.md",
];

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
/** The page without fenced code blocks (links and anchors are only meaningful in prose). */
const prose = (text: string) => text.replace(/```[\s\S]*?```/g, "");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+)$/gm)) {
    slugs.add(
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    );
  }
  return slugs;
}

/** Walks a zod schema along a dotted path; unions match when any member has the path. */
function schemaHasPath(schema: z.ZodType, segments: string[]): boolean {
  let s: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    const unwrap = (s as unknown as { unwrap?: () => z.ZodType }).unwrap;
    if (typeof unwrap === "function" && !(s instanceof z.ZodArray)) s = unwrap.call(s);
    else break;
  }
  if (segments.length === 0) return true;
  const [head, ...rest] = segments;
  if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) {
    return (s.options as z.ZodType[]).some((o) => schemaHasPath(o, segments));
  }
  if (s instanceof z.ZodObject && head === "*") {
    return Object.values(s.shape).some((field) => schemaHasPath(field as z.ZodType, rest));
  }
  if (s instanceof z.ZodObject) return head in s.shape && schemaHasPath(s.shape[head] as z.ZodType, rest);
  if (s instanceof z.ZodRecord) return head === "*" || schemaHasPath(s.valueType as z.ZodType, rest);
  return false;
}

describe("handbook (docs/)", () => {
  it("has every page, and the architecture page has Mermaid diagrams", () => {
    for (const page of PAGES) assert.ok(existsSync(path.join(ROOT, page)), `missing ${page}`);
    assert.match(read("docs/architecture.md"), /```mermaid\nflowchart/);
    assert.match(read("docs/architecture.md"), /```mermaid\nsequenceDiagram/);
  });

  it("links to files that exist, and to headings that exist", () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const [, target] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // external
        const [file, anchor] = target.split("#");
        const resolved = file ? path.join(path.dirname(page), file) : page;
        if (!existsSync(path.join(ROOT, resolved))) {
          broken.push(`${page}: ${target} (no ${resolved})`);
          continue;
        }
        if (anchor && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor)) {
          broken.push(`${page}: ${target} (no heading #${anchor} in ${resolved})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it("names only kafka-platform:* config keys that the schema has", () => {
    const unknown: string[] = [];
    for (const page of PAGES) {
      for (const [, key] of read(page).matchAll(/kafka-platform:([a-zA-Z][\w.*]*[\w*])/g)) {
        const [section, ...rest] = key.split(".");
        const spec = (CONFIG_KEYS as Record<string, { schema: z.ZodType }>)[section];
        if (!spec || !schemaHasPath(spec.schema, rest)) unknown.push(`${page}: kafka-platform:${key}`);
      }
    }
    assert.deepEqual(unknown, []);
  });

  it("names only npm scripts that package.json has", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const missing: string[] = [];
    for (const page of PAGES) {
      for (const [, script] of read(page).matchAll(/npm run ([\w:-]+)/g)) {
        if (!(script in scripts)) missing.push(`${page}: npm run ${script}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("names only kafka-platform subcommands that the CLI has", async () => {
    const out: string[] = [];
    await main(["--help"], { out: (t) => out.push(t), err: () => {} });
    const commands = new Set([...out.join("\n").matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]));
    const missing: string[] = [];
    for (const page of PAGES) {
      for (const [, command] of read(page).matchAll(/(?:`|npx )kafka-platform ([a-z]+(?:-[a-z]+)*)/g)) {
        if (!commands.has(command)) missing.push(`${page}: kafka-platform ${command}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("names repository paths that exist", () => {
    const missing: string[] = [];
    const top = "core|components|cli|harness|policies|tests|teams|examples|docs|\\.github|schemas";
    for (const page of PAGES) {
      for (const [, p] of read(page).matchAll(new RegExp("`((?:" + top + ")/[^`\\s<>*{}$]*)`", "g"))) {
        if (!existsSync(path.join(ROOT, p))) missing.push(`${page}: ${p}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("security.md's intent → ACL table matches the ACL compiler", () => {
    const section = read("docs/security.md").split("### From intent to ACL")[1].split("\n## ")[0];
    const rows = new Map<string, { resource: string; pattern: string; operations: string[] }>();
    for (const [, kind, resource, pattern, operations] of section.matchAll(
      /^\| `([a-z-]+)` \| [^|]+ \| (\w+) \| (\w+) \| [^|]+ \| ([\w, ]+) \|/gm,
    )) {
      rows.set(kind, { resource, pattern, operations: operations.split(",").map((o) => o.trim()) });
    }
    assert.deepEqual([...rows.keys()].sort(), Object.keys(INTENT_OPERATIONS).sort(), "one row per intent");
    for (const [kind, operations] of Object.entries(INTENT_OPERATIONS)) {
      assert.deepEqual(rows.get(kind)?.operations, operations, `operations of ${kind}`);
    }

    // Resource type and pattern per intent, from what the compiler emits for applications using every intent.
    const app = (
      name: string,
      streams: boolean,
      groupProtocol: GroupProtocol = "classic",
    ): TeamApplication => ({
      name,
      team: "payments",
      principal: `payments-${name}`,
      appId: `payments.${name}`,
      consumerGroup: `payments.${name}`,
      produces: [{ topic: "payments.orders.v1", owner: "payments", via: "own" }],
      consumes: [{ topic: "billing.invoices.v1", owner: "billing", via: "grant" }],
      transactional: true,
      streams,
      groupProtocol,
      shareGroup: {
        id: `payments.${name}-jobs`,
        consumes: [{ topic: "payments.jobs.v1", owner: "payments", via: "own" }],
        configs: {},
      },
      waivers: [],
      source: { file: "teams/payments.yaml" },
    });
    const compiled = [
      ...compileAcls(app("plain", false)),
      ...compileAcls(app("stream", true)),
      ...compileAcls(app("stream2", true, "streams")),
    ];
    const seen = new Set<string>();
    for (const { rule, intent } of compiled) {
      seen.add(intent.kind);
      const row = rows.get(intent.kind)!;
      const type = { topic: "topic", group: "group", transactionalId: "transactionalId" }[rule.resource.type];
      assert.equal(row.resource, type, `resource of ${intent.kind}`);
      assert.equal(row.pattern, rule.resource.patternType, `pattern of ${intent.kind}`);
    }
    assert.deepEqual(
      [...seen].sort(),
      Object.keys(INTENT_OPERATIONS).sort(),
      "the sample covers every intent",
    );
  });
});
