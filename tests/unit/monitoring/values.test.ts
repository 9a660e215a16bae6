import * as assert from "assert";
import { parse } from "yaml";
import { loadPlatformConfig } from "../../../core/config";
import { isUserError, UserError } from "../../../core/errors";
import { stackEndpoints } from "../../../core/monitoring/endpoints";
import {
  componentStoragePlan,
  GKE_SERVICE_ACCOUNT_ANNOTATION,
} from "../../../core/monitoring/object-storage";
import { monitoringConfigProblems } from "../../../core/monitoring/validate";
import { alloyConfig, alloyValues, RULES_LABEL } from "../../../core/monitoring/values/alloy";
import {
  DASHBOARD_LABEL,
  grafanaValues,
  GRAFANA_ADMIN_SECRET,
} from "../../../core/monitoring/values/grafana";
import {
  customResourceStateConfig,
  kubeStateMetricsValues,
} from "../../../core/monitoring/values/kube-state-metrics";
import { lokiValues } from "../../../core/monitoring/values/loki";
import {
  mimirDistributedValues,
  mimirMonolithicConfig,
  mimirMonolithicObjects,
} from "../../../core/monitoring/values/mimir";
import { tempoValues } from "../../../core/monitoring/values/tempo";
import { PROJECT_ROOT, readStackConfig } from "../../../harness/engine";
import { stackConfig } from "./support/fixtures";

const dev = stackConfig("dev").monitoring;
const prod = stackConfig("prod").monitoring;
const planInput = {
  project: "my-kafka-prod",
  workloadIdentityPool: "my-kafka-prod.svc.id.goog",
  namespace: "monitoring",
};
const plan = (c: "mimir" | "loki" | "tempo") => componentStoragePlan(c, planInput);

describe("monitoring: configuration", () => {
  it("pins every chart to an exact version, Grafana and Loki from the grafana-community repository", () => {
    for (const chart of Object.values(prod.charts)) assert.match(chart.version, /^\d+\.\d+\.\d+$/);
    assert.strictEqual(prod.charts.grafana.repo, "https://grafana-community.github.io/helm-charts");
    assert.strictEqual(prod.charts.mimir.chart, "mimir-distributed");
    assert.strictEqual(prod.charts.prometheusOperatorCrds.chart, "prometheus-operator-crds");
  });

  it("sizes dev for one node and prod for HA", () => {
    assert.deepStrictEqual(
      [dev.mimir.mode, dev.loki.mode, dev.objectStorage],
      ["monolithic", "monolithic", "filesystem"],
    );
    assert.deepStrictEqual(
      [prod.mimir.mode, prod.loki.mode, prod.objectStorage],
      ["distributed", "distributed", "gcs"],
    );
    assert.ok(prod.mimir.replicas >= 2 && prod.mimir.ingesters >= 3 && prod.alloy.replicas >= 2);
    assert.strictEqual(dev.mimir.caches, false);
  });

  it("rejects distributed Mimir without object storage, located at the offending key", () => {
    const { config } = readStackConfig(PROJECT_ROOT, "dev", {
      monitoring: { enabled: true, mimir: { mode: "distributed" } },
    });
    try {
      loadPlatformConfig(config, { file: "Pulumi.dev.yaml" });
      assert.fail("expected a UserError");
    } catch (e) {
      assert.ok(isUserError(e));
      const problem = (e as UserError).problems.find((p) => p.path.endsWith("mimir.mode"));
      assert.ok(problem, (e as Error).message);
      assert.match(problem.message, /objectStorage: gcs/);
    }
  });

  it("rejects GCS object storage on a cluster without Workload Identity", () => {
    const config = stackConfig("dev");
    const problems = monitoringConfigProblems(
      { ...config, monitoring: { ...config.monitoring, objectStorage: "gcs" } },
      "Pulumi.dev.yaml",
    );
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].path, "kafka-platform:monitoring.objectStorage");
    assert.deepStrictEqual(monitoringConfigProblems(stackConfig("prod"), "Pulumi.prod.yaml"), []);
  });
});

describe("monitoring: Helm values", () => {
  describe("Mimir", () => {
    it("dev: one process running every component, the ruler and the Alertmanager, on its volume", () => {
      const config = mimirMonolithicConfig(dev);
      assert.strictEqual(config.target, "all,alertmanager");
      assert.strictEqual(config.blocks_storage.backend, "filesystem");
      assert.strictEqual(config.ruler_storage.backend, "filesystem");
      assert.deepStrictEqual(config.ingest_storage, { enabled: false });
      assert.strictEqual(config.ingester.ring.replication_factor, 1);
      assert.strictEqual(config.limits.compactor_blocks_retention_period, dev.retention.metrics);
      const objects = mimirMonolithicObjects(dev, "x");
      assert.strictEqual(objects.statefulSet.spec.replicas, 1);
      assert.strictEqual(objects.statefulSet.spec.template.spec.containers[0].image, dev.mimir.image);
      assert.strictEqual(
        objects.statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
        dev.mimir.storageSize,
      );
    });

    it("prod: mimir-distributed on GCS without the chart's Kafka ingest storage, replicated", () => {
      const values = mimirDistributedValues(prod, plan("mimir"));
      assert.strictEqual(values.kafka.enabled, false);
      const structured = values.mimir.structuredConfig;
      assert.deepStrictEqual(structured.ingest_storage, { enabled: false });
      assert.strictEqual(structured.ingester.push_grpc_method_enabled, true);
      assert.strictEqual(structured.ingester.ring.replication_factor, 3);
      assert.deepStrictEqual(structured.blocks_storage, {
        backend: "gcs",
        gcs: { bucket_name: "my-kafka-prod-mimir-blocks" },
      });
      assert.deepStrictEqual(structured.ruler_storage.gcs, { bucket_name: "my-kafka-prod-mimir-ruler" });
      assert.deepStrictEqual(structured.alertmanager_storage.gcs, {
        bucket_name: "my-kafka-prod-mimir-alertmanager",
      });
      assert.strictEqual(values.minio.enabled, false);
      assert.strictEqual(values.ingester!.replicas, 3);
      assert.strictEqual(values.distributor.replicas, prod.mimir.replicas);
      assert.strictEqual(values.ruler.enabled, true);
      assert.strictEqual(values["chunks-cache"].enabled, true);
      assert.deepStrictEqual(values.serviceAccount, {
        create: true,
        name: "mimir",
        annotations: {
          [GKE_SERVICE_ACCOUNT_ANNOTATION]: "monitoring-mimir@my-kafka-prod.iam.gserviceaccount.com",
        },
      });
    });
  });

  describe("Loki", () => {
    it("dev: SingleBinary on the filesystem, one replica, no caches", () => {
      const values = lokiValues(dev);
      assert.strictEqual(values.deploymentMode, "SingleBinary");
      assert.deepStrictEqual(values.loki.storage, { type: "filesystem" });
      assert.strictEqual(values.loki.schemaConfig.configs[0].object_store, "filesystem");
      assert.strictEqual(values.singleBinary.replicas, 1);
      assert.deepStrictEqual(
        [values.read.replicas, values.write.replicas, values.backend.replicas],
        [0, 0, 0],
      );
      assert.deepStrictEqual([values.chunksCache.enabled, values.resultsCache.enabled], [false, false]);
      assert.deepStrictEqual(values.serviceAccount.annotations, {});
    });

    it("prod: distributed on GCS with Workload Identity and replication", () => {
      const values = lokiValues(prod, plan("loki")) as ReturnType<typeof lokiValues> &
        Record<string, { replicas: number }>;
      assert.strictEqual(values.deploymentMode, "Distributed");
      assert.deepStrictEqual(values.loki.storage, {
        type: "gcs",
        bucketNames: {
          chunks: "my-kafka-prod-loki-chunks",
          ruler: "my-kafka-prod-loki-ruler",
          admin: "my-kafka-prod-loki-admin",
        },
      });
      assert.strictEqual(values.loki.schemaConfig.configs[0].object_store, "gcs");
      assert.strictEqual(values.loki.commonConfig.replication_factor, 3);
      assert.strictEqual(values.ingester!.replicas, 3);
      assert.strictEqual(values.querier!.replicas, prod.loki.replicas);
      assert.strictEqual(values.singleBinary.replicas, 0);
      assert.strictEqual(
        values.serviceAccount.annotations[GKE_SERVICE_ACCOUNT_ANNOTATION],
        "monitoring-loki@my-kafka-prod.iam.gserviceaccount.com",
      );
      assert.throws(() => lokiValues(prod), /storage plan/);
    });
  });

  describe("Tempo", () => {
    it("dev: monolithic with traces on its volume", () => {
      const values = tempoValues(dev);
      assert.strictEqual(values.tempo.storage.trace.backend, "local");
      assert.strictEqual(values.persistence.enabled, true);
      assert.strictEqual(values.replicas, 1);
    });

    it("prod: monolithic with traces in GCS", () => {
      const values = tempoValues(prod, plan("tempo"));
      assert.deepStrictEqual(values.tempo.storage.trace, {
        backend: "gcs",
        gcs: { bucket_name: "my-kafka-prod-tempo-traces" },
        wal: { path: "/var/tempo/wal" },
      });
      assert.strictEqual(
        values.serviceAccount.annotations[GKE_SERVICE_ACCOUNT_ANNOTATION],
        "monitoring-tempo@my-kafka-prod.iam.gserviceaccount.com",
      );
    });
  });

  describe("Grafana", () => {
    for (const [env, config, mimirUrl] of [
      ["dev", dev, "http://mimir.monitoring.svc.cluster.local:8080/prometheus"],
      ["prod", prod, "http://mimir-gateway.monitoring.svc.cluster.local/prometheus"],
    ] as const) {
      it(`${env}: provisions Mimir, Loki and Tempo data sources at their service URLs`, () => {
        const values = grafanaValues(config, stackEndpoints(config));
        const sources = values.datasources["datasources.yaml"].datasources;
        assert.deepStrictEqual(
          sources.map((s) => [s.type, s.uid, s.url]),
          [
            ["prometheus", "mimir", mimirUrl],
            ["loki", "loki", "http://loki-gateway.monitoring.svc.cluster.local"],
            ["tempo", "tempo", "http://tempo.monitoring.svc.cluster.local:3200"],
          ],
        );
        assert.strictEqual(sources.filter((s) => "isDefault" in s && s.isDefault).length, 1);
      });
    }

    it("takes the admin password from the program's Secret and loads dashboards from labelled ConfigMaps", () => {
      const values = grafanaValues(prod, stackEndpoints(prod));
      assert.deepStrictEqual(values.admin, {
        existingSecret: GRAFANA_ADMIN_SECRET.name,
        userKey: GRAFANA_ADMIN_SECRET.userKey,
        passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
      });
      assert.ok(!("adminPassword" in values));
      assert.strictEqual(values.sidecar.dashboards.enabled, true);
      assert.strictEqual(values.sidecar.dashboards.label, DASHBOARD_LABEL);
      assert.strictEqual(values.sidecar.dashboards.searchNamespace, "ALL");
      assert.strictEqual(values.persistence.enabled, true);
      assert.strictEqual(grafanaValues(dev, stackEndpoints(dev)).persistence.enabled, false);
    });
  });

  describe("Alloy", () => {
    for (const [env, config] of [
      ["dev", dev],
      ["prod", prod],
    ] as const) {
      it(`${env}: sends metrics, rules, logs and traces to this environment's backends`, () => {
        const endpoints = stackEndpoints(config);
        const text = alloyConfig(endpoints);
        assert.ok(text.includes(`url = "${endpoints.mimirPush}"`));
        assert.ok(text.includes(`address = "${endpoints.mimirRuler}"`));
        assert.ok(text.includes(`url = "${endpoints.lokiPush}"`));
        assert.ok(text.includes(`endpoint = "${endpoints.tempoOtlpGrpc}"`));
        assert.ok(text.includes(`"${RULES_LABEL.key}" = "${RULES_LABEL.value}",`));
        for (const component of [
          'prometheus.operator.podmonitors "strimzi"',
          'mimir.rules.kubernetes "platform"',
          'loki.source.kubernetes "pods"',
          'prometheus.scrape "kubelet"',
          'prometheus.scrape "kube_state_metrics"',
          'otelcol.receiver.otlp "default"',
        ]) {
          assert.ok(text.includes(`${component} {`), component);
        }
        // Balanced braces: every block is closed.
        assert.strictEqual((text.match(/{/g) ?? []).length, (text.match(/}/g) ?? []).length);
        const values = alloyValues(config, endpoints);
        assert.strictEqual(values.controller.replicas, config.alloy.replicas);
        assert.strictEqual(values.alloy.clustering.enabled, true);
      });
    }
  });

  describe("kube-state-metrics", () => {
    it("exports KafkaTopic and KafkaUser readiness from the served v1 API, with the team label", () => {
      const values = kubeStateMetricsValues(prod);
      assert.strictEqual(values.customResourceState.enabled, true);
      const resources = customResourceStateConfig().spec.resources;
      assert.deepStrictEqual(
        resources.map((r) => [r.groupVersionKind.kind, r.groupVersionKind.version]),
        [
          ["KafkaTopic", "v1"],
          ["KafkaUser", "v1"],
        ],
      );
      assert.deepStrictEqual(values.rbac.extraRules[0].resources, ["kafkatopics", "kafkausers"]);
      // The config is YAML-serialisable as the chart embeds it.
      assert.deepStrictEqual(parse(JSON.stringify(customResourceStateConfig())), customResourceStateConfig());
    });
  });

  it("derives bucket, service account and Workload Identity names that agree", () => {
    const p = plan("mimir");
    assert.strictEqual(
      p.workloadIdentityMember,
      "serviceAccount:my-kafka-prod.svc.id.goog[monitoring/mimir]",
    );
    assert.strictEqual(p.kubernetesServiceAccount.name, "mimir");
    for (const bucket of Object.values(p.buckets)) assert.match(bucket, /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    assert.ok(p.serviceAccount.accountId.length >= 6 && p.serviceAccount.accountId.length <= 30);
  });
});

describe("monitoring: monolithic Mimir directories", () => {
  it("uses one directory per store, none nested in or a prefix of another", () => {
    const config = mimirMonolithicConfig(dev);
    const dirs = [
      config.blocks_storage.filesystem.dir,
      config.blocks_storage.tsdb.dir,
      config.blocks_storage.bucket_store.sync_dir,
      config.compactor.data_dir,
      config.ruler.rule_path,
      config.ruler_storage.filesystem.dir,
      config.alertmanager.data_dir,
      config.alertmanager_storage.filesystem.dir,
    ];
    assert.strictEqual(new Set(dirs).size, dirs.length);
    for (const a of dirs)
      for (const b of dirs) if (a !== b) assert.ok(!b.startsWith(a), `${a} is a prefix of ${b}`);
  });
});
