import { strict as assert } from "assert";
import { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isUserError } from "../../core/errors";
import { ENVIRONMENT_TAG } from "../lib/environment";
import { createPolicies } from "../rules";
import { topicRetention } from "../rules/topic-retention";
import { formatViolations, runPoliciesOffline } from "../offline/run";
import { kafkaControllerQuorum } from "../rules/kafka-controller-quorum";
import { kafka, nodePool, PROVIDER, resourceArgs, stackArgs, topic, user } from "./helpers";

const DAY = 86_400_000;
const tooLong = () => topic(undefined, { config: { "retention.ms": 31 * DAY } });

describe("offline policy runner", () => {
  it("passes a compliant prod stack with every policy", async () => {
    const resources = [kafka(), nodePool(), nodePool("brokers", { roles: ["broker"] }), topic(), user()];
    const run = await runPoliciesOffline({
      policies: createPolicies(),
      resources,
      config: { all: "mandatory" },
    });
    assert.deepEqual(formatViolations(run.violations), []);
  });

  it("resolves levels like the engine: per-policy over `all` over the policy's own, remediate counts as mandatory", async () => {
    const policies = [topicRetention()];
    const level = async (config: Record<string, unknown>) =>
      (
        await runPoliciesOffline({ policies, resources: [tooLong()], config: config as never })
      ).violations.map((v) => v.level);
    assert.deepEqual(await level({}), ["advisory"]);
    assert.deepEqual(await level({ all: "mandatory" }), ["mandatory"]);
    assert.deepEqual(await level({ all: "mandatory", "topic-retention": "advisory" }), ["advisory"]);
    assert.deepEqual(await level({ "topic-retention": { enforcementLevel: "remediate" } }), ["mandatory"]);
    assert.deepEqual(
      await level({ all: "mandatory", "topic-retention": { enforcementLevel: "disabled" } }),
      [],
    );
  });

  it("prints `[level] policy-name: resource: message`, mandatory first", async () => {
    const run = await runPoliciesOffline({
      policies: createPolicies(),
      resources: [tooLong(), user(undefined, { spec: { quotas: undefined } })],
      config: {
        all: "mandatory",
        "user-quotas": "advisory",
        "user-quota-ceilings": "disabled",
        "acl-topic-references": "disabled",
      },
    });
    const lines = formatViolations(run.violations);
    assert.deepEqual(lines, [
      '[mandatory] topic-retention: KafkaTopic/payments-payments.orders.v1: topic "payments.orders.v1" retains data for 31d (retention.ms=2678400000), more than the prod maximum of 30d; lower its `retention`',
      '[advisory] user-quotas: KafkaUser/payments-order-service: user "payments-order-service" has no producerByteRate, consumerByteRate quota in prod; set `quotas` for its application or team',
    ]);
  });

  it("rejects unknown policies, unknown levels and config that breaks a schema, all at once", async () => {
    const config = {
      "topic-retenton": "mandatory",
      "topic-naming": { enforcementLevel: "strict" },
      "topic-durability": { maxPartitions: { prod: "many" } },
    };
    await assert.rejects(
      runPoliciesOffline({
        policies: createPolicies(),
        resources: [],
        config: config as never,
        configFile: "x.json",
      }),
      (e: unknown) => {
        assert.ok(isUserError(e));
        const text = e.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join("\n");
        assert.match(
          text,
          /x\.json: topic-retenton: no policy of this name \(did you mean "topic-retention"\?\)/,
        );
        assert.match(text, /topic-naming\.enforcementLevel: "strict" is not an enforcement level/);
        assert.match(text, /topic-durability\.maxPartitions\.prod: must be integer/);
        return true;
      },
    );
  });

  it("builds the arguments @pulumi/policy 1.21 passes: opts, provider, parent, stackTags, config defaults", async () => {
    const seen: ResourceValidationArgs[] = [];
    const spy: ResourceValidationPolicy = {
      name: "spy-resource",
      description: "Records its arguments.",
      configSchema: {
        properties: { limit: { type: "integer", default: 7 }, other: { type: "string", default: "x" } },
      },
      validateResource: (args) => {
        seen.push(args);
      },
    };
    const parents: (string | undefined)[] = [];
    const spyStack: StackValidationPolicy = {
      name: "spy-stack",
      description: "Records the stack.",
      validateStack: (args) => {
        for (const r of args.resources) parents.push(r.parent?.urn);
        assert.equal(args.stackTags.get(ENVIRONMENT_TAG), "prod");
      },
    };
    const t = topic();
    const providerResource = {
      type: "pulumi:providers:kubernetes",
      name: "k8s",
      urn: PROVIDER.split("::provider-id")[0],
      protect: false,
      inputs: { namespace: "kafka" },
    };
    const stack = {
      type: "pulumi:pulumi:Stack",
      name: "kafka-platform-prod",
      urn: t.parent!,
      protect: false,
      inputs: {},
    };
    await runPoliciesOffline({
      policies: [spy, spyStack],
      resources: [stack, providerResource, t],
      stackTags: new Map([[ENVIRONMENT_TAG, "prod"]]),
      config: { "spy-resource": { limit: 9 } },
    });
    const args = seen.find((a) => a.urn === t.urn)!;
    assert.equal(args.opts.protect, true);
    assert.equal(args.opts.parent, t.parent);
    assert.deepEqual(args.provider, {
      type: "pulumi:providers:kubernetes",
      urn: providerResource.urn,
      name: "k8s",
      props: { namespace: "kafka" },
    });
    assert.deepEqual(args.getConfig(), { limit: 9, other: "x" });
    assert.equal(args.stackTags.get(ENVIRONMENT_TAG), "prod");
    assert.throws(() => args.notApplicable("no"), /no/);
    assert.ok(parents.includes(t.parent));
  });

  it("policies fill schema defaults themselves and call notApplicable for other types (engine without defaults)", () => {
    const policy = topicRetention();
    const reports: unknown[] = [];
    const validate = policy.validateResource as (
      args: ResourceValidationArgs,
      report: (r: unknown) => void,
    ) => void;
    const engineWithoutDefaults = {
      ...resourceArgs(policy, tooLong()),
      getConfig: <T extends object>() => ({}) as T,
    };
    validate(engineWithoutDefaults, (r) => reports.push(r));
    assert.equal(reports.length, 1);
    assert.match((reports[0] as { message: string }).message, /prod maximum of 30d/);
    assert.throws(
      () => validate(resourceArgs(policy, user()), () => undefined),
      /applies to KafkaTopic resources only/,
    );
  });

  it("stack policies called directly with StackValidationArgs get stack tags and config defaults, and report on the offending URN", () => {
    const policy = kafkaControllerQuorum();
    const reports: { message: string; urn?: string }[] = [];
    const resources = [kafka(), nodePool(undefined, { replicas: 2 })];
    const args = stackArgs(policy, resources, { env: "prod" });
    assert.equal(args.stackTags.get(ENVIRONMENT_TAG), "prod");
    assert.deepEqual(args.getConfig(), { minControllers: { dev: 1, prod: 3 }, requireOdd: true });
    policy.validateStack(args, ((r: { message: string; urn?: string }) => reports.push(r)) as never);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].urn, resources[1].urn);
  });

  it("checks 5,000 topics of 200 teams with work linear in the resources", async function () {
    this.timeout(60_000);
    // Counts every read of a resource's top-level props: per resource, a linear pack reads a fixed
    // number, whatever the stack's size; a per-resource scan inside a loop would read more and more.
    let reads = 0;
    const counted = <T extends object>(props: T): T =>
      new Proxy(props, {
        get: (target, key) => {
          reads++;
          return Reflect.get(target, key);
        },
      });
    const organisation = (teams: number) => {
      const resources = [kafka(), nodePool(), nodePool("brokers", { roles: ["broker"] })];
      for (let t = 0; t < teams; t++) {
        const team = `team${t}`;
        const grantedBy = `team${(t + 1) % teams}`;
        const acls = [
          { resource: { type: "topic", name: `${grantedBy}.topic0.v1` }, operations: ["Read", "Describe"] },
        ];
        for (let i = 0; i < 25; i++) {
          const grants = i === 0 ? [{ team: `team${(t + teams - 1) % teams}`, access: "read" }] : [];
          resources.push(topic(`${team}.topic${i}.v1`, { team, grants }));
          acls.push({
            resource: { type: "topic", name: `${team}.topic${i}.v1` },
            operations: ["Write", "Describe"],
          });
        }
        resources.push(user("app", { team, acls }));
      }
      return resources.map((r) => ({ ...r, inputs: counted(r.inputs) }));
    };
    const readsPerResource = async (teams: number) => {
      const resources = organisation(teams);
      reads = 0;
      const run = await runPoliciesOffline({
        policies: createPolicies(),
        resources,
        config: { all: "mandatory" },
      });
      assert.deepEqual(run.violations, []);
      return { perResource: reads / resources.length };
    };
    const small = await readsPerResource(20);
    const large = await readsPerResource(200);
    assert.ok(
      large.perResource <= small.perResource * 1.05,
      `${small.perResource} vs ${large.perResource} reads per resource`,
    );
  });
});
