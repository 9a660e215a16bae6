import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { loadPlatformConfig } from "../../../core/config";
import { parseYamlSource } from "../../../core/validation/yaml-source";
import { parseTeamStackName, planStacks, teamStackName } from "../../../core/stacks/plan";
import { readStackConfig } from "../../../harness/engine";
import { configProblemsOf } from "../support/config-problems";

const TEAMS = ["payments", "billing", "fraud", "ledger"];

/** A prod stack file with `lines` under `config:`, loaded as the program does. */
function stackWith(lines: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-stacks-"));
  const text = `config:\n  kafka-platform:environment: prod\n  kafka-platform:cluster: {mode: existing, existing: {kubeconfig: ~/.kube/config}}\n${lines}`;
  writeFileSync(path.join(dir, "Pulumi.prod.yaml"), text);
  const source = { file: "Pulumi.prod.yaml", yaml: parseYamlSource("Pulumi.prod.yaml", text) };
  const config = loadPlatformConfig(readStackConfig(dir, "prod").config, source);
  return { text, source, config, plan: () => planStacks("prod", config, TEAMS, source) };
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("stack plan (split layout)", () => {
  it("without groups, each team has its own stack, in team-file order", () => {
    const { config, plan } = stackWith("  kafka-platform:stacks: { layout: split }\n");
    assert.deepStrictEqual(config.stacks, { layout: "split", groups: {} });
    assert.deepStrictEqual(plan(), {
      platform: "prod",
      teamStacks: TEAMS.map((t) => ({ name: `prod.teams.${t}`, group: t, teams: [t] })),
    });
  });

  it("the default is the single layout with no groups", () => {
    assert.deepStrictEqual(stackWith("").config.stacks, { layout: "single", groups: {} });
  });

  it("a group holds its teams in one stack; the other teams keep their own", () => {
    const { plan } = stackWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      small-teams: [ledger, billing]\n",
    );
    assert.deepStrictEqual(plan().teamStacks, [
      { name: "prod.teams.payments", group: "payments", teams: ["payments"] },
      // Team-file order, not the group's order; placed where its first team is.
      { name: "prod.teams.small-teams", group: "small-teams", teams: ["billing", "ledger"] },
      { name: "prod.teams.fraud", group: "fraud", teams: ["fraud"] },
    ]);
  });

  it("a group naming only its own team is the default, and allowed", () => {
    const { plan } = stackWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups: { fraud: [fraud] }\n",
    );
    assert.deepStrictEqual(
      plan().teamStacks.map((s) => s.name),
      TEAMS.map((t) => `prod.teams.${t}`),
    );
  });

  it("an unknown team in a group is located, with a suggestion", () => {
    const { text, plan } = stackWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      small-teams:\n        - ledger\n        - biling\n",
    );
    assert.deepStrictEqual(configProblemsOf(plan), [
      `${lineOf(text, "- biling")}: kafka-platform:stacks.groups.small-teams[1]: no team file declares team "biling" (did you mean "billing"?)`,
    ]);
  });

  it("a team in two groups is located at its second mention", () => {
    const { text, plan } = stackWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      small: [ledger]\n      tiny:\n        - billing\n        - ledger\n",
    );
    assert.deepStrictEqual(configProblemsOf(plan), [
      `${lineOf(text, "- ledger")}: kafka-platform:stacks.groups.tiny[1]: team "ledger" is already in group "small"; a team lives in one stack`,
    ]);
  });

  it("a group named like another team is refused (both would use the same stack)", () => {
    const { text, plan } = stackWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      payments: [ledger]\n",
    );
    assert.deepStrictEqual(configProblemsOf(plan), [
      `${lineOf(text, "payments: [ledger]")}: kafka-platform:stacks.groups.payments: "payments" is a team's name: its team stack would be the group's; name the group otherwise`,
    ]);
  });

  it("the keycloak add-on with the split layout is refused at `layout`; with single it is fine", () => {
    const keycloak = "  kafka-platform:addons: { keycloak: { enabled: true } }\n";
    const split = stackWith(`  kafka-platform:stacks:\n    layout: split\n${keycloak}`);
    const problems = configProblemsOf(split.plan);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      new RegExp(
        `^${lineOf(split.text, "layout: split")}: kafka-platform:stacks\\.layout: .*keycloak.*keep layout single$`,
      ),
    );
    assert.equal(
      stackWith(`  kafka-platform:stacks:\n    layout: single\n${keycloak}`).plan().teamStacks.length,
      4,
    );
  });

  it("an invalid group name or an empty group is a config problem, located", () => {
    const text =
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      Small_Teams: [ledger]\n      empty: []\n";
    const problems = configProblemsOf(() => stackWith(text));
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.match(
      problems[0],
      /^7: kafka-platform:stacks\.groups\.Small_Teams: "Small_Teams" is not a lower-case name such as small-teams$/,
    );
    assert.match(problems[1], /^8: kafka-platform:stacks\.groups\.empty: .*must name at least one team$/);
  });

  it("team stack names round-trip; other stack names are not team stacks", () => {
    for (const [platform, group] of [
      ["prod", "payments"],
      ["dev", "small-teams"],
      ["eu.prod", "fraud"],
    ]) {
      const name = teamStackName(platform, group);
      assert.equal(name, `${platform}.teams.${group}`);
      assert.deepStrictEqual(parseTeamStackName(name), { platform, group });
    }
    for (const name of ["prod", "dev", "local", "prod.teams.", ".teams.payments", "prod.team.payments"]) {
      assert.equal(parseTeamStackName(name), undefined, name);
    }
  });
});
