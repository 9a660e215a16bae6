import * as assert from "assert";
import { kafkaTargetFromConfig, teamTargets } from "../../../core/monitoring/targets";
import { nodePoolName } from "../../../core/strimzi/node-pool";
import { loadTeams } from "../../../core/teams";
import { stackConfig } from "./support/fixtures";
import { teamsWithAlerts } from "./support/program";

describe("monitoring: targets", () => {
  it("watches the node pools the Kafka cluster really creates, with their replicas", () => {
    const config = stackConfig("prod");
    const target = kafkaTargetFromConfig(config);
    assert.deepStrictEqual(
      target.nodePools.map((p) => [p.name, p.roles, p.replicas]),
      [
        [nodePoolName("controller"), ["controller"], config.kafka.controllers.replicas],
        [nodePoolName("broker"), ["broker"], config.kafka.brokers.replicas],
      ],
    );
    assert.deepStrictEqual(
      [target.clusterName, target.namespace, target.operatorNamespace],
      ["kafka", "kafka", "strimzi"],
    );
  });

  it("takes each team's prefix, granted topics it consumes and lag threshold from its team file", () => {
    const org = loadTeams(teamsWithAlerts(), { reservedNamespaces: ["kafka", "strimzi", "monitoring"] });
    const targets = new Map(teamTargets(org.teams).map((t) => [t.team, t]));
    const payments = targets.get("payments")!;
    assert.strictEqual(payments.maxLagMessages, 2500);
    assert.strictEqual(payments.prefix, "payments");
    const fraud = targets.get("fraud")!;
    assert.strictEqual(fraud.prefix, "risk.fraud");
    assert.strictEqual(fraud.maxLagMessages, undefined);
    assert.ok(fraud.topics.includes("payments.payment-events.v1"), fraud.topics.join(","));
    assert.ok(!fraud.topics.some((t) => t.startsWith("risk.fraud.")));
  });
});
