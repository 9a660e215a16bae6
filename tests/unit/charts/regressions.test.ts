import * as assert from "assert";
import { isSecret, plain, ProgramRun, redactedText } from "../../../harness/engine";
import { ARGOCD_REDIS_SECRET } from "../../../core/addons/argocd";
import {
  at,
  CHARTS_MISSING_MESSAGE,
  chartsAvailable,
  DeclaredChart,
  declaredCharts,
  helmMerge,
  programRun,
  storedValues,
} from "./support";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Dotted paths of every `resources` map in a chart's values. */
function resourcePaths(values: unknown, prefix = ""): string[] {
  if (!values || typeof values !== "object" || Array.isArray(values)) return [];
  return Object.entries(values).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return k === "resources" && v && typeof v === "object" ? [path] : resourcePaths(v, path);
  });
}

/** A value with its null entries removed (as Helm removes them). */
function withoutNulls(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** A declared chart and the values it renders with (the chart's defaults merged as Helm does). */
async function rendered(
  label: string,
  name: string,
): Promise<{ chart: DeclaredChart; merged: any; run: ProgramRun }> {
  const run = await programRun(label);
  const chart = declaredCharts(run).find((c) => c.name === name);
  assert.ok(chart, `${label}: no chart ${name}`);
  return { chart, merged: helmMerge(storedValues(chart.chart, chart.version), chart.values), run };
}

/** Each defect found against the real charts (issue 16), as the chart would see the program's values. */
describe("charts: defects found against the published charts stay fixed", function () {
  before(function () {
    if (!chartsAvailable()) {
      console.log(`      ${CHARTS_MISSING_MESSAGE}`);
      this.skip();
    }
  });

  it("prod Loki (Distributed): every component with more than one replica has maxUnavailable", async () => {
    // templates/<component>/poddisruptionbudget-*.yaml: `fail "….maxUnavailable must be set when ….replicas is greater than 1"`.
    const { chart, merged } = await rendered("prod", "loki");
    assert.strictEqual(merged.deploymentMode, "Distributed");
    const defaults = storedValues(chart.chart, chart.version)!;
    const components = Object.keys(defaults).filter(
      (k) =>
        defaults[k] !== null &&
        typeof defaults[k] === "object" &&
        "maxUnavailable" in (defaults[k] as object),
    );
    assert.ok(components.includes("queryFrontend") && components.includes("indexGateway"));
    const missing = components.filter(
      (k) => Number(merged[k]?.replicas ?? 0) > 1 && (merged[k].maxUnavailable ?? null) === null,
    );
    assert.deepStrictEqual(missing, []);
  });

  it("prod Loki: the ingester and compactor volumes have the configured size (persistence.claims)", async () => {
    const { merged } = await rendered("prod", "loki");
    assert.strictEqual(merged.indexGateway.persistence.size, "20Gi", "indexGateway reads persistence.size");
    for (const component of ["ingester", "compactor"]) {
      assert.deepStrictEqual(
        merged[component].persistence.claims.map((c: { size: string }) => c.size),
        ["20Gi"],
        `${component}: the chart reads persistence.claims[].size only`,
      );
      assert.strictEqual(merged[component].persistence.enabled, true);
      // A `persistence.size` set there instead is a key values.yaml lacks: values.test.ts reports it.
    }
  });

  it("prod Strimzi: the PodDisruptionBudget has maxUnavailable only, and no CPU limit is left from the chart", async () => {
    const { merged } = await rendered("prod", "strimzi");
    const pdb = merged.podDisruptionBudget;
    assert.strictEqual(pdb.enabled, true);
    assert.deepStrictEqual([pdb.minAvailable, pdb.maxUnavailable], [undefined, 1]);
    const configured = { requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "384Mi" } };
    assert.deepStrictEqual(merged.resources, configured);
  });

  for (const label of ["dev with add-ons", "prod with add-ons"]) {
    it(`${label}: every chart renders exactly the container resources the program sets (no default survives)`, async () => {
      const run = await programRun(label);
      const leaks: string[] = [];
      for (const chart of declaredCharts(run)) {
        const merged = helmMerge(storedValues(chart.chart, chart.version), chart.values);
        for (const path of resourcePaths(chart.values)) {
          const want = withoutNulls(at(chart.values, path));
          try {
            assert.deepStrictEqual(at(merged, path), want);
          } catch {
            leaks.push(`${chart.name}: ${path} renders ${JSON.stringify(at(merged, path))}`);
          }
        }
      }
      assert.deepStrictEqual(leaks, []);
    });
  }

  for (const label of ["dev with add-ons", "prod with add-ons"]) {
    it(`${label}: Argo CD's Redis secret comes from the program, its hook Job is off`, async () => {
      const { merged, run } = await rendered(label, "argocd");
      assert.strictEqual(merged.redisSecretInit.enabled, false);
      const secret = run.resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:Secret" &&
          (plain(r.inputs) as any).metadata.name === ARGOCD_REDIS_SECRET.name,
      );
      assert.ok(secret, "no argocd-redis Secret");
      assert.strictEqual((plain(secret.inputs) as any).metadata.namespace, "argocd");
      // Pulumi marks the Secret's data secret (as a whole or per key): never plain text in the state.
      const stringData = (secret.inputs as any).stringData;
      const password = isSecret(stringData)
        ? (plain(stringData) as any)[ARGOCD_REDIS_SECRET.key]
        : stringData[ARGOCD_REDIS_SECRET.key];
      assert.ok(isSecret(stringData) || isSecret(password), "the Redis password must stay a Pulumi secret");
      assert.ok(!redactedText(run).includes(String(plain(password))), "the password appears in plain text");
      assert.strictEqual(String(plain(password)).length, 32);
      const chart = run.resources.find(
        (r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "argocd",
      )!;
      assert.ok(chart.dependsOn.includes(secret.urn), "the chart's pods start after the Secret exists");
    });
  }

  it("no dead keys: argo-cd applicationSet.enabled, mimir-distributed gateway.enabledNonEnterprise", async () => {
    const argocd = await rendered("prod with add-ons", "argocd");
    const mimir = await rendered("prod", "mimir");
    assert.strictEqual(at(argocd.chart.values, "applicationSet.enabled"), undefined);
    assert.strictEqual(
      at(storedValues("argo-cd", argocd.chart.version), "applicationSet.enabled"),
      undefined,
    );
    assert.strictEqual(at(mimir.chart.values, "gateway.enabledNonEnterprise"), undefined);
    assert.strictEqual(mimir.merged.gateway.enabled, true, "the gateway Grafana and Alloy talk to");
  });
});
