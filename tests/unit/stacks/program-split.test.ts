import { strict as assert } from "assert";
import * as path from "path";
import { isUserError, UserError } from "../../../core/errors";
import { isSecret, plain, ProgramRun, runProgram, teamStackInput } from "../../../harness/engine";
import {
  attempt,
  EXAMPLE_TEAMS,
  inStack,
  K8S_PROVIDER,
  KAFKA_TEAM,
  platformResources,
  prodProjectWith,
  providerOf,
  SPLIT,
  splitRuns,
  teamSubtrees,
} from "./support";
import { existingCluster, writeKubeconfig } from "../cluster/support";

const TOPIC = "kubernetes:kafka.strimzi.io/v1:KafkaTopic";
const USER = "kubernetes:kafka.strimzi.io/v1:KafkaUser";
const SECRET = "kubernetes:core/v1:Secret";

/** Only the Stack resource: what a run registers when the program stops before declaring anything. */
const nothingRegistered = (run: ProgramRun) =>
  assert.deepStrictEqual(
    run.resources.map((r) => r.type),
    ["pulumi:pulumi:Stack"],
  );

describe("split layout: the platform stack and the team stacks (mocks)", () => {
  /** The committed stacks (K3s, GKE) and dev on an existing cluster (a kubeconfig context). */
  const CASES: Record<string, { stack: string; configOverrides: () => Record<string, unknown> }> = {
    dev: { stack: "dev", configOverrides: () => ({}) },
    prod: { stack: "prod", configOverrides: () => ({}) },
    existing: {
      stack: "dev",
      configOverrides: () => existingCluster(writeKubeconfig(), { context: "other" }),
    },
  };
  const single = new Map<string, ProgramRun>();
  const split = new Map<string, Awaited<ReturnType<typeof splitRuns>>>();
  before(async () => {
    for (const [name, { stack, configOverrides }] of Object.entries(CASES)) {
      const overrides = configOverrides();
      single.set(name, await runProgram({ stack, configOverrides: overrides }));
      split.set(name, await splitRuns(stack, { ...overrides, ...SPLIT }));
    }
  });

  for (const [name, { stack }] of Object.entries(CASES)) {
    it(`${name}: the platform stack is the single layout without the teams, resource for resource`, () => {
      const platform = split.get(name)!.platform;
      const types = new Set(platform.resources.map((r) => r.type));
      for (const type of [KAFKA_TEAM, "kafka-platform:kafka:GroupConfigs", TOPIC])
        assert.ok(!types.has(type), `the platform stack declares a ${type}`);
      // The one Kafka user left is the platform's admin.
      assert.deepStrictEqual(
        platform.resources
          .filter((r) => r.type === USER)
          .map((r) => (r.inputs.metadata as { name: string }).name),
        ["platform-admin"],
      );
      const expected = platformResources(single.get(name)!);
      assert.ok(expected.length < single.get(name)!.resources.length, "the single layout has teams");
      assert.deepStrictEqual(platform.resources.map((r) => r.urn).sort(), expected.map((r) => r.urn).sort());
      // Same inputs and options: moving the teams out changes nothing else.
      const byUrn = new Map(expected.map((r) => [r.urn, r]));
      for (const r of platform.resources) {
        const before = byUrn.get(r.urn)!;
        assert.deepStrictEqual(
          [plain(r.inputs), r.protect, r.provider],
          [plain(before.inputs), before.protect, before.provider],
          r.urn,
        );
      }
    });

    it(`${name}: each team stack declares its team under the single layout's URNs, stack renamed`, () => {
      const singleTeams = teamSubtrees(single.get(name)!);
      const singleProvider = providerOf(single.get(name)!);
      assert.deepStrictEqual([...singleTeams.keys()].sort(), EXAMPLE_TEAMS);
      for (const [team, run] of split.get(name)!.teams) {
        const teamStack = `${stack}.teams.${team}`;
        const expected = singleTeams.get(team)!;
        // Exactly the team's resources, plus the stack and its provider.
        const provider = providerOf(run);
        assert.deepStrictEqual(
          run.resources
            .filter((r) => r.type !== "pulumi:pulumi:Stack" && r !== provider)
            .map((r) => r.urn)
            .sort(),
          expected.map((r) => inStack(r.urn, teamStack)).sort(),
          team,
        );
        // The provider: the platform's, with an alias to where `pulumi state move` puts it.
        assert.deepStrictEqual(provider.aliases, [inStack(singleProvider.urn, teamStack)], team);
        assert.deepStrictEqual(plain(provider.inputs), plain(singleProvider.inputs), team);
        // Same inputs and options as in the single layout (no diff once moved); every custom
        // resource uses the team stack's provider.
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        for (const before of expected) {
          const r = byUrn.get(inStack(before.urn, teamStack))!;
          assert.deepStrictEqual(
            [plain(r.inputs), r.protect, r.retainOnDelete, r.aliases],
            [plain(before.inputs), before.protect, before.retainOnDelete, before.aliases],
            r.urn,
          );
          if (r.type.startsWith("kubernetes:"))
            assert.equal(r.provider, `${provider.urn}::${provider.name}-id`, r.urn);
        }
      }
    });
  }

  it("prod: the credentials Secrets carry the platform's CA and bootstrap address; passwords stay secret", () => {
    const { platform, teams } = split.get("prod")!;
    const outputs = plain(platform.outputs) as Record<string, string>;
    let credentials = 0;
    for (const run of teams.values()) {
      for (const r of run.resources.filter((r) => r.type === SECRET)) {
        assert.ok(isSecret(r.inputs.stringData), `${r.urn}: stringData is not a secret`);
        const data = plain(r.inputs.stringData) as Record<string, string>;
        if (!r.name.endsWith("/credentials")) continue;
        credentials++;
        assert.equal(data["ca.crt"], outputs.kafkaClusterCaCert, r.urn);
        assert.equal(data["bootstrap.servers"], outputs.kafkaBootstrapServers, r.urn);
        assert.ok(data.password.length >= 24, r.urn);
      }
    }
    assert.ok(credentials >= EXAMPLE_TEAMS.length, "every example team has an application");
  });

  it("prod: topics stay protected in the team stacks unless their team file allows deletion", () => {
    const topics = [...split.get("prod")!.teams.values()].flatMap((run) =>
      run.resources.filter((r) => r.type === TOPIC),
    );
    assert.ok(topics.length > 0);
    for (const t of topics) {
      const annotations = (t.inputs.metadata as { annotations: Record<string, string> }).annotations;
      assert.equal(t.protect, annotations["kafka-platform.io/deletion"] !== "allow", t.urn);
    }
    assert.ok(topics.some((t) => t.protect));
    assert.ok(
      topics.some((t) => !t.protect),
      "the example with deletion: allow",
    );
  });

  it("a team stack whose group is gone declares no team (its resources are deleted, protected ones refused)", async () => {
    const teamStack = teamStackInput(split.get("prod")!.platform, { configOverrides: SPLIT });
    const run = await runProgram({ stack: "prod.teams.retired", teamStack });
    assert.deepStrictEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack", K8S_PROVIDER],
    );
    assert.deepStrictEqual(plain(run.outputs), { environment: "prod", teams: {} });
  });

  it("a group's team stack declares its teams under the single layout's URNs; their own stacks none", async () => {
    const configOverrides = { stacks: { layout: "split", groups: { small: ["fraud", "billing"] } } };
    const { teams } = await splitRuns("prod", configOverrides, ["small", "billing"]);
    const singleTeams = teamSubtrees(single.get("prod")!);
    const small = teams.get("small")!;
    assert.deepStrictEqual(
      small.resources.filter((r) => r.type === KAFKA_TEAM).map((r) => r.name),
      ["billing", "fraud"],
    );
    assert.deepStrictEqual(
      [...teamSubtrees(small).values()]
        .flat()
        .map((r) => r.urn)
        .sort(),
      [...singleTeams.get("billing")!, ...singleTeams.get("fraud")!]
        .map((r) => inStack(r.urn, "prod.teams.small"))
        .sort(),
    );
    assert.ok(!teams.get("billing")!.resources.some((r) => r.type === KAFKA_TEAM));
  });

  it("a team stack refuses to run while the layout is single (its teams are the platform stack's)", async () => {
    const { root, text } = prodProjectWith("  kafka-platform:stacks:\n    layout: single\n");
    const { platformConfig } = teamStackInput(split.get("prod")!.platform, { projectRoot: root });
    const { error, run } = await attempt({
      stack: "prod.teams.payments",
      projectRoot: root,
      teamStack: { ...teamStackInput(split.get("prod")!.platform), platformConfig },
    });
    assert.ok(isUserError(error), String(error));
    const [problem] = (error as UserError).problems;
    assert.deepStrictEqual(
      [problem.file, problem.line, problem.path],
      [
        "Pulumi.prod.yaml",
        text.split("\n").indexOf("    layout: single") + 1,
        "kafka-platform:stacks.layout",
      ],
    );
    assert.match(problem.message, /team stack prod\.teams\.payments must not run; set layout: split/);
    nothingRegistered(run);
  });

  it("a team stack run without its platform's inputs is a located user error; nothing is registered", async () => {
    const { error, run } = await attempt({ stack: "prod.teams.payments" });
    assert.ok(isUserError(error), String(error));
    const [problem] = (error as UserError).problems;
    assert.equal(problem.file, "Pulumi.prod.teams.payments.yaml");
    assert.match(problem.message, /`kafka-platform up --env prod`/);
    nothingRegistered(run);
  });

  it("invalid groups are located in the platform's stack file, for the platform and the team stacks", async () => {
    const { root, text } = prodProjectWith(
      "  kafka-platform:stacks:\n    layout: split\n    groups:\n      small: [billing, fruad]\n",
    );
    const line = text.split("\n").findIndex((l) => l.includes("small: [billing, fruad]")) + 1;
    const teamsDir = path.join(root, "teams");
    const platformAttempt = await attempt({ stack: "prod", projectRoot: root, teamsDir });
    const platformConfig = teamStackInput(split.get("prod")!.platform, { projectRoot: root }).platformConfig;
    const teamAttempt = await attempt({
      stack: "prod.teams.small",
      projectRoot: root,
      teamsDir,
      teamStack: { ...teamStackInput(split.get("prod")!.platform), platformConfig },
    });
    for (const { error, run } of [platformAttempt, teamAttempt]) {
      assert.ok(isUserError(error), String(error));
      assert.deepStrictEqual(
        (error as UserError).problems.map((p) => [p.file, p.line, p.path, p.message]),
        [
          [
            "Pulumi.prod.yaml",
            line,
            "kafka-platform:stacks.groups.small[1]",
            'no team file declares team "fruad" (did you mean "fraud"?)',
          ],
        ],
      );
      nothingRegistered(run);
    }
  });
});
