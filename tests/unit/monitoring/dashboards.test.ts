import * as assert from "assert";
import { teamDashboard, teamPanelQueries } from "../../../core/monitoring/dashboards/team";
import { kubernetesObjects, objectsOfKind } from "../../../harness/kubernetes-objects";
import { kafkaTarget, PAYMENTS, SEARCH } from "./support/fixtures";
import { knownMetrics } from "./support/known-metrics";
import { monitoringRun } from "./support/program";
import { labelMatchers, promqlErrors, referencedMetrics } from "./support/promql";

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  fieldConfig?: { defaults?: { thresholds?: { steps: { value: number | null }[] } } };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
}

const EXPECTED_PANELS = [
  "Bytes in by topic",
  "Bytes out by topic",
  "Messages in by topic",
  "Consumer lag by group",
  "Consumer lag by group and topic",
  "Quota throttling by user",
  "Partitions",
  "Under-replicated partitions",
  "Storage by topic (all replicas)",
];

describe("monitoring: team dashboards", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: one ConfigMap per team, labelled for Grafana, holding classic dashboard JSON with the expected panels`, async () => {
      const run = await monitoringRun(stack);
      const maps = objectsOfKind(kubernetesObjects(run), "ConfigMap").filter(
        (m) => m.metadata.labels?.grafana_dashboard,
      );
      assert.deepStrictEqual(maps.map((m) => m.metadata.name).sort(), [
        "kafka-team-billing-dashboard",
        "kafka-team-fraud-dashboard",
        "kafka-team-payments-dashboard",
      ]);
      for (const map of maps) {
        assert.strictEqual(map.metadata.namespace, "monitoring");
        const [json] = Object.values(map.data as Record<string, string>);
        const dashboard = JSON.parse(json) as Dashboard;
        // Classic JSON: a flat `panels` list with rows, and a schemaVersion (v2 has `elements`/`layout`).
        assert.ok(Array.isArray(dashboard.panels) && typeof dashboard.schemaVersion === "number");
        assert.ok(!("elements" in dashboard));
        const panels = dashboard.panels.filter((p) => p.type !== "row");
        assert.deepStrictEqual(
          panels.map((p) => p.title),
          EXPECTED_PANELS,
        );
        for (const panel of panels) {
          assert.strictEqual(panel.datasource?.uid, "mimir");
          assert.strictEqual(panel.targets?.length, 1);
        }
      }
      const payments = JSON.parse(
        Object.values(
          maps.find((m) => m.metadata.name === "kafka-team-payments-dashboard")!.data as Record<
            string,
            string
          >,
        )[0],
      ) as Dashboard;
      const lag = payments.panels.find((p) => p.title === "Consumer lag by group")!;
      assert.deepStrictEqual(
        lag.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value),
        [null, 2500],
      );
      assert.strictEqual(payments.uid, "kafka-team-payments");
    });
  }

  it("queries are valid PromQL over exported metrics, scoped to the team's topics, groups and users", () => {
    const known = knownMetrics();
    const target = kafkaTarget("prod");
    for (const team of [PAYMENTS, SEARCH]) {
      const queries = teamPanelQueries(target, team);
      assert.deepStrictEqual(Object.keys(queries), EXPECTED_PANELS);
      for (const [title, expr] of Object.entries(queries)) {
        assert.deepStrictEqual(promqlErrors(expr), [], `${title}: ${expr}`);
        for (const metric of referencedMetrics(expr))
          assert.ok(known.has(metric), `${title} uses ${metric}, which nothing exports`);
        const namespace = labelMatchers(expr).find((m) => m.label === "namespace");
        assert.strictEqual(namespace?.value, target.namespace, title);
      }
    }
    const matcher = (title: string, label: string) =>
      new RegExp(
        `^(?:${labelMatchers(teamPanelQueries(target, PAYMENTS)[title]).find((m) => m.label === label)!.value})$`,
      );
    const topics = matcher("Bytes in by topic", "topic");
    assert.ok(topics.test("payments.orders.v1") && topics.test("shared.currency-rates"));
    assert.ok(!topics.test("paymentsx.orders") && !topics.test("billing.invoices.v1"));
    const users = matcher("Quota throttling by user", "user");
    assert.ok(users.test("payments-order-service") && !users.test("billing-invoicer"));
  });

  it("draws the platform's default lag threshold for teams without their own", () => {
    const dashboard = teamDashboard(kafkaTarget("dev"), SEARCH, 12345) as unknown as Dashboard;
    const lag = dashboard.panels.find((p) => p.title === "Consumer lag by group")!;
    assert.deepStrictEqual(
      lag.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value),
      [null, 12345],
    );
  });
});
