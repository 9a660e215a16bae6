import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { formatProblem, isUserError } from "../../core/errors";
import { createPolicies } from "../rules";
import { readPackConfig, resolvePackConfig } from "../offline/config";
import { POLICY_NAMES } from "../../core/policy-names";

const CONFIG_DIR = path.join(__dirname, "..", "config");

describe("policy pack", () => {
  const policies = createPolicies();

  it("has unique kebab-case names", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z]+(-[a-z]+)+$/);
  });

  for (const policy of createPolicies()) {
    it(`${policy.name}: describes itself, has a severity, remediation and a default for every config property`, () => {
      assert.match(policy.description, /^[A-Z].{20,}\.$/, "description is one full sentence");
      assert.ok(policy.severity && ["low", "medium", "high", "critical"].includes(policy.severity));
      assert.ok(policy.remediationSteps && policy.remediationSteps.length > 10);
      assert.ok(policy.configSchema, "configSchema");
      for (const [key, schema] of Object.entries(policy.configSchema!.properties)) {
        assert.notEqual(schema.default, undefined, `${key} has a default`);
        assert.ok(schema.description, `${key} has a description`);
      }
      const isStack = typeof (policy as StackValidationPolicy).validateStack === "function";
      const isResource = typeof (policy as ResourceValidationPolicy).validateResource === "function";
      assert.ok(isStack !== isResource);
    });
  }

  for (const stack of ["dev", "prod"]) {
    it(`config/${stack}.json names every policy and validates against the schemas`, () => {
      const file = path.join(CONFIG_DIR, `${stack}.json`);
      const config = readPackConfig(file);
      const resolved = resolvePackConfig(policies, config, { file });
      for (const policy of policies) assert.ok(policy.name in config, `${policy.name} in ${stack}.json`);
      const levels = [...resolved.values()].map((r) => r.enforcementLevel);
      if (stack === "prod") assert.ok(levels.every((l) => l === "mandatory"));
      // What the brokers cannot honour and what protects the shared dev broker is mandatory everywhere.
      for (const name of ["topic-broker-compatibility", "shared-broker-capacity", "user-quota-ceilings"]) {
        assert.equal(resolved.get(name)?.enforcementLevel, "mandatory", `${name} in ${stack}`);
      }
      if (stack === "dev") assert.equal(resolved.get("topic-retention")?.enforcementLevel, "advisory");
    });
  }

  it("POLICY_NAMES (which waivers are checked against) are exactly the pack's policies", () => {
    assert.deepEqual([...POLICY_NAMES].sort(), policies.map((p) => p.name).sort());
  });

  it("reports a config file that is not a JSON object, located", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "policy-config-"));
    const cases: [string, RegExp][] = [
      ["{ all: mandatory }", /^bad\.json: not readable JSON: /],
      ["[]", /^bad\.json: must be a JSON object of policy name → config$/],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(path.join(dir, "bad.json"), text);
      assert.throws(
        () => readPackConfig(path.join(dir, "bad.json"), "bad.json"),
        (e: unknown) => isUserError(e) && expected.test(formatProblem(e.problems[0])),
      );
    }
  });
});
