import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { stackEndpoints } from "../../core/monitoring/endpoints";
import {
  componentStoragePlan,
  ComponentStoragePlan,
  StorageComponent,
} from "../../core/monitoring/object-storage";
import { KafkaTarget, TeamTarget } from "../../core/monitoring/targets";
import { PlatformCluster } from "../cluster/platform-cluster";
import { AlertRules } from "./alert-rules";
import { Alloy } from "./alloy";
import { TeamDashboards } from "./dashboards";
import { Grafana } from "./grafana";
import { KubeStateMetrics } from "./kube-state-metrics";
import { Loki } from "./loki";
import { Mimir } from "./mimir";
import { ObjectStorage } from "./object-storage";
import { PrometheusOperatorCrds } from "./prometheus-operator-crds";
import { StrimziPodMonitors } from "./strimzi-pod-monitors";
import { Tempo } from "./tempo";

export interface MonitoringStackArgs {
  /** `kafka-platform:monitoring`. */
  config: MonitoringConfig;
  /** The cluster: Kubernetes provider and, on GCP, project, region and Workload Identity pool. */
  cluster: PlatformCluster;
  /** The Kafka cluster the alerts, PodMonitors and dashboards watch. */
  target: KafkaTarget;
  /** Teams, for their dashboards and consumer lag alerts. */
  teams: TeamTarget[];
  /** Resources the PodMonitors need first (the Kafka and operator namespaces). */
  kafkaReady?: pulumi.Resource[];
}

/**
 * The Grafana stack next to Kafka: Prometheus Operator CRDs, Mimir, Loki, Tempo, Grafana,
 * kube-state-metrics and Alloy; PodMonitors for Strimzi, the alert rules and the team dashboards; in
 * prod the GCS buckets with Workload Identity for Mimir, Loki and Tempo.
 */
export class MonitoringStack extends pulumi.ComponentResource {
  /** Grafana's admin password (secret). */
  readonly grafanaAdminPassword: pulumi.Output<string>;
  /** Grafana inside the cluster. */
  readonly grafanaUrl: string;

  constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:MonitoringStack", name, {}, opts);
    const { config, cluster } = args;
    const provider = cluster.provider;
    const child = { parent: this };
    const endpoints = stackEndpoints(config);

    const ns = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: config.namespace, labels: { "app.kubernetes.io/part-of": "kafka-platform" } } },
      { ...child, provider },
    );
    const namespace = ns.metadata.name;
    const crds = new PrometheusOperatorCrds(
      `${name}-crds`,
      { chart: config.charts.prometheusOperatorCrds, namespace, provider },
      child,
    );

    const storage = this.objectStorage(name, args);
    const plan = (c: StorageComponent) => storage[c]?.plan;
    const ready = (c: StorageComponent) => (storage[c] ? [storage[c]!.resource] : undefined);

    new Mimir(
      `${name}-mimir`,
      { config, storage: plan("mimir"), storageReady: ready("mimir"), namespace, provider },
      child,
    );
    new Loki(
      `${name}-loki`,
      { config, storage: plan("loki"), storageReady: ready("loki"), namespace, provider },
      child,
    );
    new Tempo(
      `${name}-tempo`,
      { config, storage: plan("tempo"), storageReady: ready("tempo"), namespace, provider },
      child,
    );
    const grafana = new Grafana(`${name}-grafana`, { config, endpoints, namespace, provider }, child);
    new KubeStateMetrics(`${name}-kube-state-metrics`, { config, namespace, provider }, child);
    new Alloy(`${name}-alloy`, { config, endpoints, namespace, provider, dependsOn: [crds] }, child);

    new StrimziPodMonitors(
      `${name}-pod-monitors`,
      { target: args.target, provider, dependsOn: [crds, ...(args.kafkaReady ?? [])] },
      child,
    );
    new AlertRules(
      `${name}-alerts`,
      {
        target: args.target,
        teams: args.teams,
        alerts: config.alerts,
        namespace,
        provider,
        dependsOn: [crds],
      },
      child,
    );
    new TeamDashboards(
      `${name}-dashboards`,
      {
        target: args.target,
        teams: args.teams,
        defaultMaxLagMessages: config.alerts.defaultMaxLagMessages,
        namespace,
        provider,
      },
      child,
    );

    this.grafanaAdminPassword = grafana.adminPassword;
    this.grafanaUrl = `http://grafana.${config.namespace}.svc.cluster.local`;
    this.registerOutputs({ grafanaAdminPassword: this.grafanaAdminPassword, grafanaUrl: this.grafanaUrl });
  }

  /** Buckets and Workload Identity for each component that keeps its data in GCS. */
  private objectStorage(name: string, args: MonitoringStackArgs) {
    const { config, cluster } = args;
    const out: Partial<Record<StorageComponent, { plan: ComponentStoragePlan; resource: ObjectStorage }>> =
      {};
    if (config.objectStorage !== "gcs") return out;
    const gcp = cluster.gcp;
    if (!gcp?.workloadIdentityPool) {
      throw new Error("monitoring.objectStorage gcs needs a GCP cluster with Workload Identity");
    }
    const components: StorageComponent[] = [
      ...(config.mimir.mode === "distributed" ? ["mimir" as const] : []),
      "loki",
      "tempo",
    ];
    for (const component of components) {
      const plan = componentStoragePlan(component, {
        project: gcp.project,
        workloadIdentityPool: gcp.workloadIdentityPool,
        namespace: config.namespace,
      });
      const resource = new ObjectStorage(
        `${name}-${component}-storage`,
        { plan, project: gcp.project, location: gcp.region },
        { parent: this },
      );
      out[component] = { plan, resource };
    }
    return out;
  }
}
