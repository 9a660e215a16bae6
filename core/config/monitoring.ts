import { z } from "zod";
import { ChartSource } from "./chart-source";
import { ContainerResources, Environment, KubernetesNamespace, StorageSize } from "./environment";

/** A Helm chart pinned to one version, from a repository, an OCI registry or a local directory. */
const PinnedChart = ChartSource;
export type PinnedChart = ChartSource;

/** A duration as Mimir, Loki and Tempo read it, e.g. `15d`, `72h`. */
const Retention = z.string().regex(/^[0-9]+(h|d|w)$/, "a duration such as 72h or 15d");

/** Replicas, volume size and container resources of one component. */
const Size = z.strictObject({
  replicas: z
    .number()
    .int()
    .min(1)
    .describe("Replicas (for distributed Mimir/Loki: of each stateless component)."),
  storageSize: StorageSize.describe("Persistent volume size per replica."),
  resources: ContainerResources.describe("Container requests and limits."),
});

/** The Grafana stack (Grafana, Mimir, Loki, Tempo, Alloy) next to Kafka. */
export const MonitoringConfig = z
  .strictObject({
    enabled: z.boolean().describe("Install the Grafana stack."),
    namespace: KubernetesNamespace.describe("Namespace of the Grafana stack."),
    charts: z
      .strictObject({
        grafana: PinnedChart,
        mimir: PinnedChart.describe("mimir-distributed (used when mimir.mode is distributed)."),
        loki: PinnedChart,
        tempo: PinnedChart,
        alloy: PinnedChart,
        prometheusOperatorCrds: PinnedChart.describe("CRDs for PodMonitor and PrometheusRule."),
        kubeStateMetrics: PinnedChart.describe(
          "Container readiness and KafkaTopic/KafkaUser readiness metrics.",
        ),
      })
      .describe("Every chart of the stack, each pinned to one version."),
    objectStorage: z
      .enum(["filesystem", "gcs"])
      .describe(
        "`filesystem`: volumes only (dev); `gcs`: buckets and Workload Identity created by the program.",
      ),
    grafana: Size.extend({
      persistence: z.boolean().describe("Keep Grafana's database on a volume."),
    }),
    mimir: Size.extend({
      mode: z
        .enum(["monolithic", "distributed"])
        .describe("`monolithic`: one process (-target=all); `distributed`: mimir-distributed."),
      image: z.string().min(1).describe("Mimir image for monolithic mode, e.g. grafana/mimir:3.0.0."),
      ingesters: z.number().int().min(1).describe("Ingesters (and store-gateways) in distributed mode."),
      caches: z.boolean().describe("Run the memcached caches of mimir-distributed."),
    }),
    loki: Size.extend({
      mode: z
        .enum(["monolithic", "distributed"])
        .describe("`monolithic`: SingleBinary; `distributed`: microservices."),
      ingesters: z.number().int().min(1).describe("Ingesters in distributed mode."),
      caches: z.boolean().describe("Run the chunks and results caches."),
    }),
    tempo: Size.omit({ replicas: true }).describe("Tempo runs monolithic (one replica)."),
    alloy: z.strictObject({
      replicas: z
        .number()
        .int()
        .min(1)
        .describe("Alloy replicas; they share scrape and log targets (clustering)."),
      resources: ContainerResources,
    }),
    retention: z
      .strictObject({ metrics: Retention, logs: Retention, traces: Retention })
      .describe("How long metrics, logs and traces are kept."),
    alerts: z
      .strictObject({
        diskFreePercent: z
          .number()
          .min(1)
          .max(99)
          .describe("Alert when a Kafka volume has less free space than this."),
        certificateExpiryDays: z
          .number()
          .int()
          .min(1)
          .describe(
            "Alert when a Strimzi certificate expires within this many days (Strimzi renews 30 days ahead).",
          ),
        defaultMaxLagMessages: z
          .number()
          .int()
          .min(1)
          .describe("Consumer lag threshold for teams whose file sets no alerts.maxLagMessages."),
        runbookUrl: z
          .string()
          .min(1)
          .describe(
            "Where docs/runbooks/alerts.md is published; each alert links to `<runbookUrl>#<alert name>`.",
          ),
      })
      .describe("Thresholds of the platform's alert rules."),
  })
  .superRefine((m, ctx) => {
    for (const component of ["mimir", "loki"] as const) {
      if (m[component].mode === "distributed" && m.objectStorage !== "gcs") {
        ctx.addIssue({
          code: "custom",
          path: [component, "mode"],
          message: `distributed ${component} needs object storage; set objectStorage: gcs or ${component}.mode: monolithic`,
        });
      }
    }
  });
export type MonitoringConfig = z.infer<typeof MonitoringConfig>;

const GRAFANA_COMMUNITY = "https://grafana-community.github.io/helm-charts";
const GRAFANA = "https://grafana.github.io/helm-charts";
const PROMETHEUS_COMMUNITY = "https://prometheus-community.github.io/helm-charts";

export function monitoringDefaults(env: Environment): Record<string, unknown> {
  const prod = env === "prod";
  const small = (cpu: string, memory: string, limit: string) => ({
    requests: { cpu, memory },
    limits: { memory: limit },
  });
  return {
    enabled: true,
    namespace: "monitoring",
    // Each pin is a published version; docs/chart-sources.md says why this one.
    charts: {
      grafana: { repo: GRAFANA_COMMUNITY, chart: "grafana", version: "12.11.1" },
      mimir: { repo: GRAFANA, chart: "mimir-distributed", version: "6.0.4" },
      loki: { repo: GRAFANA_COMMUNITY, chart: "loki", version: "8.1.3" },
      tempo: { repo: GRAFANA_COMMUNITY, chart: "tempo", version: "2.2.4" },
      alloy: { repo: GRAFANA, chart: "alloy", version: "1.11.1" },
      prometheusOperatorCrds: {
        repo: PROMETHEUS_COMMUNITY,
        chart: "prometheus-operator-crds",
        version: "25.0.0",
      },
      kubeStateMetrics: { repo: PROMETHEUS_COMMUNITY, chart: "kube-state-metrics", version: "8.4.0" },
    },
    objectStorage: prod ? "gcs" : "filesystem",
    grafana: {
      replicas: 1,
      persistence: prod,
      storageSize: "10Gi",
      resources: prod ? small("100m", "256Mi", "512Mi") : small("50m", "128Mi", "256Mi"),
    },
    mimir: {
      mode: prod ? "distributed" : "monolithic",
      image: "grafana/mimir:3.0.0",
      replicas: prod ? 2 : 1,
      ingesters: 3,
      caches: prod,
      storageSize: prod ? "50Gi" : "10Gi",
      resources: prod ? small("500m", "2Gi", "4Gi") : small("100m", "512Mi", "1Gi"),
    },
    loki: {
      mode: prod ? "distributed" : "monolithic",
      replicas: prod ? 2 : 1,
      ingesters: 3,
      caches: false,
      storageSize: prod ? "20Gi" : "5Gi",
      resources: prod ? small("250m", "1Gi", "2Gi") : small("50m", "256Mi", "512Mi"),
    },
    tempo: {
      storageSize: prod ? "20Gi" : "5Gi",
      resources: prod ? small("250m", "1Gi", "2Gi") : small("50m", "256Mi", "512Mi"),
    },
    alloy: {
      replicas: prod ? 2 : 1,
      resources: prod ? small("200m", "512Mi", "1Gi") : small("50m", "256Mi", "512Mi"),
    },
    retention: prod
      ? { metrics: "30d", logs: "14d", traces: "72h" }
      : { metrics: "7d", logs: "3d", traces: "24h" },
    alerts: {
      diskFreePercent: 15,
      certificateExpiryDays: 14,
      defaultMaxLagMessages: 10000,
      runbookUrl: "docs/runbooks/alerts.md",
    },
  };
}
