import * as assert from "assert";
import { isUserError } from "../../../core/errors";
import { plain, ProgramRun, RecordedResource, redactedText, runProgram } from "../../../harness/engine";
import {
  kubernetesObjects,
  objectsOfKind,
  resourcesOfType,
  resourcesUnder,
} from "../../../harness/kubernetes-objects";
import { promqlErrors } from "./support/promql";
import { monitoringRun } from "./support/program";
import { stackConfig } from "./support/fixtures";

const CHART = "kubernetes:helm.sh/v4:Chart";

function charts(run: ProgramRun): Map<string, Record<string, unknown>> {
  return new Map(
    monitoringResources(run)
      .filter((r) => r.type === CHART)
      .map((r) => [r.name, plain(r.inputs) as Record<string, unknown>]),
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const values = (chart: Record<string, unknown> | undefined): any => chart?.values;

/** Every resource under the MonitoringStack component (following parent links). */
const monitoringResources = (run: ProgramRun): RecordedResource[] =>
  resourcesUnder(run, "kafka-platform:monitoring:MonitoringStack");

describe("monitoring: the stack under the program", () => {
  for (const stack of ["dev", "prod"] as const) {
    describe(stack, () => {
      const config = stackConfig(stack).monitoring;

      it("renders Grafana, Mimir, Loki, Tempo, Alloy, kube-state-metrics and the Prometheus Operator CRDs at their pinned versions", async () => {
        const rendered = charts(await monitoringRun(stack));
        const expected = {
          grafana: config.charts.grafana,
          loki: config.charts.loki,
          tempo: config.charts.tempo,
          alloy: config.charts.alloy,
          "kube-state-metrics": config.charts.kubeStateMetrics,
          "prometheus-operator-crds": config.charts.prometheusOperatorCrds,
          ...(stack === "prod" ? { mimir: config.charts.mimir } : {}),
        };
        assert.deepStrictEqual([...rendered.keys()].sort(), Object.keys(expected).sort());
        for (const [name, pinned] of Object.entries(expected)) {
          const chart = rendered.get(name)!;
          assert.deepStrictEqual(
            [chart.chart, chart.version, (chart.repositoryOpts as { repo: string }).repo],
            [pinned.chart, pinned.version, pinned.repo],
            name,
          );
          assert.strictEqual(chart.namespace, "monitoring", name);
        }
      });

      it("puts every Kubernetes resource on the cluster's provider", async () => {
        const run = await monitoringRun(stack);
        const k8s = monitoringResources(run).filter((r) => r.custom && r.type.startsWith("kubernetes:"));
        assert.ok(k8s.length > 10);
        for (const r of k8s) assert.match(r.provider ?? "", /pulumi:providers:kubernetes::/, r.name);
      });

      it("loads the alert rules as valid, labelled PrometheusRules and scrapes Strimzi through PodMonitors", async () => {
        const objects = kubernetesObjects(await monitoringRun(stack));
        const rules = objectsOfKind(objects, "PrometheusRule", "monitoring.coreos.com");
        assert.deepStrictEqual(rules.map((r) => r.metadata.name).sort(), [
          "kafka-kafka-alerts",
          "kafka-team-billing-alerts",
          "kafka-team-fraud-alerts",
          "kafka-team-payments-alerts",
        ]);
        for (const rule of rules) {
          assert.strictEqual(rule.metadata.labels?.["kafka-platform.io/rules"], "mimir");
          for (const group of (rule.spec as { groups: { rules: { expr: string; alert: string }[] }[] })
            .groups) {
            for (const r of group.rules) assert.deepStrictEqual(promqlErrors(r.expr), [], r.alert);
          }
        }
        const payments = rules.find((r) => r.metadata.name === "kafka-team-payments-alerts")!;
        const lag = (payments.spec as { groups: { rules: { expr: string }[] }[] }).groups[0].rules[0];
        assert.match(lag.expr, /> 2500$/, "the threshold from payments' team file");
        const monitors = objectsOfKind(objects, "PodMonitor", "monitoring.coreos.com");
        const kafkaMonitor = monitors.find((m) => m.metadata.name === "kafka-kafka-metrics")!;
        assert.strictEqual(kafkaMonitor.metadata.namespace, "kafka");
        assert.deepStrictEqual(
          (kafkaMonitor.spec as { podMetricsEndpoints: { port: string }[] }).podMetricsEndpoints.map(
            (e) => e.port,
          ),
          ["tcp-prometheus"],
        );
        assert.ok(monitors.some((m) => m.metadata.namespace === "strimzi"));
      });

      it("creates Grafana's admin password with @pulumi/random and keeps it a secret", async () => {
        const run = await monitoringRun(stack);
        assert.strictEqual(
          resourcesOfType(run, "random:index/randomPassword:RandomPassword").filter((r) =>
            r.name.startsWith("monitoring-"),
          ).length,
          1,
        );
        const secret = resourcesOfType(run, "kubernetes:core/v1:Secret").find(
          (r) => r.name === "monitoring-grafana-admin",
        )!;
        const password = String(plain(run.outputs.grafanaAdminPassword));
        assert.strictEqual(
          (plain(secret.inputs.stringData) as Record<string, string>)["admin-password"],
          password,
        );
        assert.ok(!redactedText(run).includes(password), "the Grafana admin password shows in plain text");
        assert.strictEqual(password.length, 32);
        assert.ok(
          !JSON.stringify(values(charts(run).get("grafana"))).includes(password),
          "the password stays out of Helm values",
        );
      });
    });
  }

  it("dev: a single-process Mimir StatefulSet with its volume, no buckets", async () => {
    const run = await monitoringRun("dev");
    const sets = objectsOfKind(kubernetesObjects(run), "StatefulSet").filter(
      (s) => s.metadata.namespace === "monitoring",
    );
    assert.deepStrictEqual(
      sets.map((s) => s.metadata.name),
      ["mimir"],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spec = sets[0].spec as any;
    assert.deepStrictEqual(spec.template.spec.containers[0].args, ["-config.file=/etc/mimir/mimir.yaml"]);
    assert.strictEqual(resourcesOfType(run, "gcp:storage/bucket:Bucket").length, 0);
    assert.strictEqual(values(charts(run).get("loki")).deploymentMode, "SingleBinary");
  });

  it("prod: GCS buckets, Google service accounts and Workload Identity bindings for Mimir, Loki and Tempo", async () => {
    const run = await monitoringRun("prod");
    const project = "my-kafka-prod";
    const buckets = resourcesOfType(run, "gcp:storage/bucket:Bucket").filter((r) =>
      r.urn.includes("ObjectStorage"),
    );
    assert.deepStrictEqual(
      buckets.map((b) => b.inputs.name).sort(),
      [
        "loki-admin",
        "loki-chunks",
        "loki-ruler",
        "mimir-alertmanager",
        "mimir-blocks",
        "mimir-ruler",
        "tempo-traces",
      ].map((b) => `${project}-${b}`),
    );
    for (const b of buckets) {
      assert.strictEqual(b.inputs.uniformBucketLevelAccess, true);
      assert.strictEqual(b.inputs.publicAccessPrevention, "enforced");
      assert.strictEqual(b.inputs.forceDestroy, false);
    }
    const bindings = resourcesOfType(run, "gcp:serviceaccount/iAMMember:IAMMember").filter((r) =>
      r.urn.includes("ObjectStorage"),
    );
    assert.deepStrictEqual(
      bindings.map((b) => [b.inputs.role, b.inputs.member]).sort(),
      ["loki", "mimir", "tempo"].map((c) => [
        "roles/iam.workloadIdentityUser",
        `serviceAccount:${project}.svc.id.goog[monitoring/${c}]`,
      ]),
    );
    const bucketIam = resourcesOfType(run, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((r) =>
      r.urn.includes("ObjectStorage"),
    );
    assert.strictEqual(bucketIam.length, 7);
    for (const m of bucketIam) assert.strictEqual(m.inputs.role, "roles/storage.objectAdmin");

    // The Kubernetes service accounts are annotated with the Google service account the program created.
    const accounts = new Map(
      resourcesOfType(run, "gcp:serviceaccount/account:Account")
        .filter((r) => r.urn.includes("ObjectStorage"))
        .map((a) => [
          a.inputs.accountId as string,
          `${a.inputs.accountId}@${a.inputs.project}.iam.gserviceaccount.com`,
        ]),
    );
    const rendered = charts(run);
    for (const component of ["mimir", "loki", "tempo"]) {
      const sa = values(rendered.get(component)).serviceAccount;
      assert.strictEqual(sa.name, component);
      assert.strictEqual(
        sa.annotations["iam.gke.io/gcp-service-account"],
        accounts.get(`monitoring-${component}`),
        component,
      );
    }
    assert.strictEqual(values(rendered.get("mimir")).kafka.enabled, false);
    assert.strictEqual(values(rendered.get("loki")).loki.storage.type, "gcs");
    assert.strictEqual(values(rendered.get("tempo")).tempo.storage.trace.backend, "gcs");
    // The charts wait for their buckets and IAM bindings.
    const mimirChart = resourcesOfType(run, CHART).find((r) => r.name === "mimir")!;
    assert.ok(
      mimirChart.dependsOn.some((urn) => urn.includes("::monitoring-mimir-storage-blocks")),
      mimirChart.dependsOn.join("\n"),
    );
  });
});

describe("monitoring: switched off or misconfigured", () => {
  it("registers nothing of the stack when monitoring.enabled is false", async () => {
    const run = await runProgram({ stack: "dev", configOverrides: { monitoring: { enabled: false } } });
    assert.deepStrictEqual(
      run.resources.filter((r) => r.type.startsWith("kafka-platform:monitoring:")),
      [],
    );
    assert.ok(!("grafanaAdminPassword" in run.outputs));
  });

  it("refuses GCS object storage on K3s before registering anything, naming the key", async () => {
    await assert.rejects(
      runProgram({ stack: "dev", configOverrides: { monitoring: { enabled: true, objectStorage: "gcs" } } }),
      (e: Error) =>
        isUserError(e) &&
        /kafka-platform:monitoring\.objectStorage: "gcs" needs Workload Identity/.test(e.message),
    );
  });
});
