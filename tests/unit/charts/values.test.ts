import * as assert from "assert";
import Ajv from "ajv";
import { ALLOWED_KEYS, matchesAllowed } from "./allowed-keys";
import {
  at,
  CHARTS_MISSING_MESSAGE,
  chartsAvailable,
  DeclaredChart,
  declaredCharts,
  helmMerge,
  programRun,
  publishedVersions,
  RUNS,
  storedSchema,
  storedValues,
  subchartKeys,
  unknownValuePaths,
} from "./support";

/** Value paths a chart's values.yaml lacks, the allow-list not applied. */
function unknownPaths(chart: DeclaredChart): string[] {
  return unknownValuePaths(
    chart.values,
    storedValues(chart.chart, chart.version)!,
    subchartKeys(chart.chart, chart.version),
  );
}

describe("charts: pinned versions and values against the published charts (../shared/charts)", function () {
  before(function () {
    if (!chartsAvailable()) {
      console.log(`      ${CHARTS_MISSING_MESSAGE}`);
      this.skip();
    }
  });

  const usedAllowances = new Set<string>();

  for (const { label } of RUNS) {
    describe(label, () => {
      let charts: DeclaredChart[];
      before(async () => {
        charts = declaredCharts(await programRun(label));
      });

      it("every chart is pinned to a published, stored version", () => {
        assert.ok(charts.length >= 7, `only ${charts.length} charts declared`);
        for (const c of charts) {
          const published = publishedVersions(c.chart).find((v) => v.version === c.version);
          assert.ok(published, `${c.name}: ${c.chart} ${c.version} was never published`);
          assert.ok(!published.deprecated, `${c.name}: ${c.chart} ${c.version} is deprecated`);
          assert.ok(
            storedValues(c.chart, c.version),
            `${c.name}: ${c.chart} ${c.version} is not stored; pin a stored version`,
          );
        }
      });

      it("every value path the program sets is one the chart knows", () => {
        const unknown: string[] = [];
        for (const c of charts) {
          for (const p of unknownPaths(c)) {
            const allowance = ALLOWED_KEYS.find((a) => a.chart === c.chart && matchesAllowed(a.path, p));
            if (allowance) usedAllowances.add(`${allowance.chart}:${allowance.path}`);
            else unknown.push(`${c.name} (${c.chart} ${c.version}): ${p}`);
          }
        }
        assert.deepStrictEqual(
          unknown,
          [],
          "keys the chart's values.yaml does not have (a dead key, or add it to allowed-keys.ts with the template that reads it)",
        );
      });

      it("the values pass the chart's values.schema.json where it ships one", () => {
        const checked: string[] = [];
        for (const c of charts) {
          const schema = storedSchema(c.chart, c.version) as { $schema?: string } | undefined;
          if (!schema) continue;
          // Draft 7 explicitly: the charts' $schema URIs are not ones a validator knows.
          const validate = new Ajv({ strict: false, allErrors: true }).compile({
            ...schema,
            $schema: undefined,
          });
          const merged = helmMerge(storedValues(c.chart, c.version), c.values);
          assert.ok(
            validate(merged),
            `${c.name} (${c.chart} ${c.version}): ${JSON.stringify(validate.errors?.slice(0, 5))}`,
          );
          checked.push(c.chart);
        }
        assert.ok(checked.includes("loki"), "loki ships a schema and must be checked");
      });
    });
  }

  // After the runs above (mocha runs child suites in order): every allowance must have been used.
  describe("allow-list", () => {
    it("holds only keys values.yaml lacks and the program sets, each with its template", () => {
      for (const a of ALLOWED_KEYS) {
        assert.match(a.template, /(templates\/|values\.yaml)/, `${a.chart}:${a.path} names no template`);
        assert.ok(
          usedAllowances.has(`${a.chart}:${a.path}`),
          `${a.chart}:${a.path} is allowed but never set (remove it)`,
        );
      }
    });
  });

  it("finds a dead key: the checker itself (argo-cd has no applicationSet.enabled)", () => {
    const values = storedValues("argo-cd", "10.1.1")!;
    assert.deepStrictEqual(unknownValuePaths({ applicationSet: { enabled: false } }, values), [
      "applicationSet.enabled",
    ]);
    assert.strictEqual(at(values, "applicationSet.name"), "applicationset-controller");
  });
});
