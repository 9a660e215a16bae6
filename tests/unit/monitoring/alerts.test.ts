import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { alertNames, platformRuleGroups, RuleGroup, teamRuleGroup } from "../../../core/monitoring/alerts";
import { KAFKA_JMX_LABELS, KAFKA_JMX_METRICS } from "../../../core/monitoring/metrics";
import { PROJECT_ROOT } from "../../../harness/engine";
import { kafkaJmxExporterConfig } from "./support/kafka-jmx-rules";
import { derivedKafkaMetrics, knownMetrics } from "./support/known-metrics";
import { kafkaTarget, PAYMENTS, SEARCH, stackConfig } from "./support/fixtures";
import { labelMatchers, promqlErrors, referencedMetrics } from "./support/promql";

const REQUIRED_ALERTS = [
  "KafkaUnderReplicatedPartitions",
  "KafkaOfflinePartitions",
  "KafkaUnderMinIsrPartitions",
  "KafkaActiveControllerCountNotOne",
  "KafkaOfflineLogDirectories",
  "KafkaVolumeSpaceLow",
  "KafkaNodeContainersDown",
  "StrimziClusterOperatorDown",
  "StrimziTopicOperatorDown",
  "StrimziUserOperatorDown",
  "KafkaCertificateExpiring",
  "KafkaConsumerLagHigh",
  "KafkaTopicNotReady",
  "KafkaUserNotReady",
];

function allGroups(stack: "dev" | "prod"): RuleGroup[] {
  const thresholds = stackConfig(stack).monitoring.alerts;
  const target = kafkaTarget(stack);
  return [
    ...platformRuleGroups(target, thresholds),
    teamRuleGroup(target, PAYMENTS, thresholds),
    teamRuleGroup(target, SEARCH, thresholds),
  ];
}

const rules = (groups: RuleGroup[]) => groups.flatMap((g) => g.rules);

describe("monitoring: alert rules", () => {
  // Every Kafka metric, derived by running the cluster's JMX exporter rules over the MBean it comes from.
  for (const [expected, attribute] of Object.entries(KAFKA_JMX_METRICS)) {
    it(`the Kafka JMX exporter rules export ${expected}`, () => {
      const config = kafkaJmxExporterConfig();
      const sample = derivedKafkaMetrics().get(expected);
      assert.ok(sample, `${config.source}: no rule names ${attribute}`);
      assert.strictEqual(sample.name, expected, `${config.source} names it ${sample.name}`);
      for (const label of KAFKA_JMX_LABELS[expected as keyof typeof KAFKA_JMX_LABELS] ?? []) {
        assert.ok(label in sample.labels, `${expected} lacks label ${label} under ${config.source}`);
      }
    });
  }

  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      const groups = allGroups(stack);

      it("covers every alert the platform promises", () => {
        assert.deepStrictEqual(
          REQUIRED_ALERTS.filter((a) => !alertNames(groups).includes(a)),
          [],
        );
      });

      it("every expression is valid PromQL", () => {
        for (const r of rules(groups))
          assert.deepStrictEqual(promqlErrors(r.expr), [], `${r.alert}: ${r.expr}`);
      });

      it("every expression references only metrics the scrape targets export", () => {
        const known = knownMetrics();
        for (const r of rules(groups)) {
          const metrics = referencedMetrics(r.expr);
          assert.ok(metrics.length > 0, `${r.alert} selects no metric`);
          for (const m of metrics) assert.ok(known.has(m), `${r.alert} uses ${m}, which nothing exports`);
        }
      });

      it("selects node-pool pods (<cluster>-<pool>-N), never the old <cluster>-kafka-N", () => {
        const config = stackConfig(stack);
        const podPattern = (alert: string) => {
          const r = rules(groups).find((x) => x.alert === alert)!;
          return new RegExp(`^(?:${labelMatchers(r.expr).find((m) => m.label === "pod")!.value})$`);
        };
        const allNodes = podPattern("KafkaOfflinePartitions");
        const brokers = podPattern("KafkaUnderReplicatedPartitions");
        assert.ok(allNodes.test(`${config.kafka.name}-broker-0`));
        assert.ok(allNodes.test(`${config.kafka.name}-controller-2`));
        assert.ok(brokers.test(`${config.kafka.name}-broker-10`));
        assert.ok(!brokers.test(`${config.kafka.name}-controller-0`));
        for (const p of [allNodes, brokers]) {
          assert.ok(!p.test(`${config.kafka.name}-kafka-0`));
          assert.ok(!p.test(`${config.kafka.name}-entity-operator-abc`));
        }
      });

      it("matches Kafka data volumes of single-volume and JBOD pools", () => {
        const volumeRule = rules(groups).find((r) => r.alert === "KafkaVolumeSpaceLow")!;
        const pvc = labelMatchers(volumeRule.expr).find((m) => m.label === "persistentvolumeclaim")!;
        const pattern = new RegExp(`^(?:${pvc.value})$`);
        assert.ok(pattern.test("data-kafka-broker-0"));
        assert.ok(pattern.test("data-0-kafka-broker-1"));
        assert.ok(!pattern.test("data-kafka-kafka-0"));
        assert.match(volumeRule.expr, /< 15$/);
      });

      it("gives every rule a severity, summary, description and a runbook section that exists", () => {
        const runbook = readFileSync(path.join(PROJECT_ROOT, "docs/runbooks/alerts.md"), "utf8");
        const anchors = new Set([...runbook.matchAll(/^##+ (.+)$/gm)].map((m) => m[1].trim().toLowerCase()));
        for (const r of rules(groups)) {
          assert.ok(["critical", "warning"].includes(r.labels.severity));
          assert.ok(r.annotations.summary && r.annotations.description);
          const anchor = r.annotations.runbook_url.split("#")[1];
          assert.ok(anchors.has(anchor), `docs/runbooks/alerts.md has no section "## ${r.alert}"`);
        }
      });
    });
  }

  it("alerts a team on lag above its own threshold, else the platform default, on its consumer groups only", () => {
    const thresholds = stackConfig("prod").monitoring.alerts;
    const target = kafkaTarget("prod");
    const payments = teamRuleGroup(target, PAYMENTS, thresholds).rules[0];
    const search = teamRuleGroup(target, SEARCH, thresholds).rules[0];
    assert.match(payments.expr, / > 5000$/);
    assert.match(search.expr, new RegExp(` > ${thresholds.defaultMaxLagMessages}$`));
    assert.strictEqual(payments.labels.team, "payments");
    const groupRegex = new RegExp(
      `^(?:${labelMatchers(search.expr).find((m) => m.label === "consumergroup")!.value})$`,
    );
    assert.ok(groupRegex.test("search.indexer"));
    assert.ok(groupRegex.test("legacy-indexer"));
    assert.ok(!groupRegex.test("payments.indexer"));
    assert.ok(!groupRegex.test("searchx.indexer"));
  });

  it("alerts when fewer Kafka containers are ready than the pools have replicas", () => {
    const prod = rules(platformRuleGroups(kafkaTarget("prod"), stackConfig("prod").monitoring.alerts));
    assert.match(prod.find((r) => r.alert === "KafkaNodeContainersDown")!.expr, / < 6$/);
  });
});
