import { strict as assert } from "assert";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { loadPlatformConfig } from "../../../core/config";
import { formatProblem, isUserError } from "../../../core/errors";
import { loadTeams, LoadTeamsOptions, Organisation } from "../../../core/teams";
import { PROJECT_ROOT, readStackConfig } from "../../../harness/engine";

/** A repository with `teams/<name>.yaml` files and optionally other files; returns the teams dir. */
export function repository(teams: Record<string, string[]>, files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), "kp-metadata-"));
  mkdirSync(path.join(root, "teams"));
  for (const [name, lines] of Object.entries(teams)) {
    writeFileSync(path.join(root, "teams", `${name}.yaml`), lines.join("\n"));
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return path.join(root, "teams");
}

function problemsOf(dir: string, opts: LoadTeamsOptions = {}): string[] {
  try {
    loadTeams(dir, { displayDir: "teams", ...opts });
  } catch (e) {
    if (isUserError(e)) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

const topic = (...fields: string[]) => [
  "team: payments",
  "topics:",
  "  - name: payments.orders.v1",
  ...fields.map((f) => `    ${f}`),
];

describe("team files: catalog metadata", () => {
  it("carries description, classification, schema and tags of topics and applications into the model", () => {
    const dir = repository(
      {
        payments: [
          ...topic(
            "description: Orders placed by customers.",
            "classification: personal-data",
            "schema: schemas/orders.avsc",
            "tags: [orders, pii]",
          ),
          "applications:",
          "  - name: shop",
          "    description: The web shop.",
          "    produces: [payments.orders.v1]",
        ],
      },
      { "schemas/orders.avsc": "{}" },
    );
    const org: Organisation = loadTeams(dir, { repositoryRoot: path.dirname(dir) });
    const [t] = org.teams[0].topics;
    assert.deepEqual(
      { description: t.description, classification: t.classification, schema: t.schema, tags: t.tags },
      {
        description: "Orders placed by customers.",
        classification: "personal-data",
        schema: "schemas/orders.avsc",
        tags: ["orders", "pii"],
      },
    );
    assert.equal(org.teams[0].applications[0].description, "The web shop.");
  });

  it("accepts an https schema URL without looking it up", () => {
    assert.deepEqual(
      problemsOf(repository({ payments: topic("schema: https://schemas.example.com/orders/v1") })),
      [],
    );
  });

  it("rejects multi-line descriptions and schema references outside the repository, located", () => {
    const dir = repository({
      payments: [
        "team: payments",
        "topics:",
        "  - name: payments.orders.v1",
        '    description: "two\\nlines"',
        "    schema: ../outside.avsc",
        "  - name: payments.links.v1",
        "    schema: http://schemas.example.com/x",
      ],
    });
    const where = "must be a relative path in the repository (no leading / and no ..) or an https:// URL";
    assert.deepEqual(problemsOf(dir), [
      'teams/payments.yaml:4:18: topics[0].description: "two\\nlines" must be one line',
      `teams/payments.yaml:5:13: topics[0].schema: "../outside.avsc" ${where}`,
      `teams/payments.yaml:7:13: topics[1].schema: "http://schemas.example.com/x" ${where}`,
    ]);
  });

  it("rejects unknown classifications and schema paths missing from the repository, located", () => {
    const dir = repository(
      { payments: topic("classification: confidental", "schema: schemas/missing.avsc") },
      { "outside/link.avsc": "{}" },
    );
    const root = path.dirname(dir);
    assert.deepEqual(problemsOf(dir, { repositoryRoot: root }), [
      'teams/payments.yaml:4:21: topics[0].classification: "confidental" is not a classification of this platform (did you mean "confidential"?); allowed: public, internal, confidential, personal-data',
      'teams/payments.yaml:5:13: topics[0].schema: "schemas/missing.avsc" is not a file in the repository (paths are relative to the repository root); commit the schema or use an https:// URL',
    ]);
    // Without a repository root (library callers, copied team files), paths are not looked up.
    assert.equal(problemsOf(dir).length, 1);
  });

  it("does not follow a link out of the repository", () => {
    const outside = mkdtempSync(path.join(tmpdir(), "kp-outside-"));
    writeFileSync(path.join(outside, "secret.avsc"), "{}");
    const dir = repository({ payments: topic("schema: schemas/link.avsc") });
    mkdirSync(path.join(path.dirname(dir), "schemas"));
    symlinkSync(path.join(outside, "secret.avsc"), path.join(path.dirname(dir), "schemas", "link.avsc"));
    assert.match(
      problemsOf(dir, { repositoryRoot: path.dirname(dir) })[0],
      /is not a file in the repository/,
    );
  });

  it("checks classifications against the platform's list, not a fixed one", () => {
    const dir = repository({ payments: topic("classification: restricted") });
    assert.deepEqual(problemsOf(dir, { classifications: ["open", "restricted"] }), []);
    assert.match(problemsOf(dir)[0], /"restricted" is not a classification of this platform/);
  });

  it("takes the list from the stack config teams.classifications, unique lower-case words", () => {
    const load = (classifications: unknown) =>
      loadPlatformConfig(readStackConfig(PROJECT_ROOT, "dev", { teams: { classifications } }).config, {
        file: "Pulumi.dev.yaml",
      });
    assert.deepEqual(load(undefined).teams.classifications, [
      "public",
      "internal",
      "confidential",
      "personal-data",
    ]);
    assert.deepEqual(load(["open", "secret"]).teams.classifications, ["open", "secret"]);
    assert.throws(() => load(["open", "open"]), /must not repeat a classification/);
    assert.throws(() => load(["Top Secret"]), /a lower-case word such as internal/);
  });
});
