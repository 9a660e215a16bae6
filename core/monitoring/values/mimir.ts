import { MonitoringConfig } from "../../config/monitoring";
import { RELEASES } from "../endpoints";
import { ComponentStoragePlan, serviceAccountValues } from "../object-storage";

/** Writes go straight from distributors to ingesters over gRPC (the classic architecture): no Kafka for Mimir. */
const CLASSIC_INGEST = {
  ingest_storage: { enabled: false },
  ingester: { push_grpc_method_enabled: true },
};

/** Values for the `mimir-distributed` chart (prod): GCS buckets, HA replicas, no Kafka ingest storage. */
export function mimirDistributedValues(config: MonitoringConfig, plan: ComponentStoragePlan) {
  const m = config.mimir;
  const stateless = { replicas: m.replicas, resources: m.resources };
  const replicationFactor = Math.min(3, m.ingesters);
  const cache = { enabled: m.caches, replicas: 1 };
  const gcs = (bucket: string) => ({ backend: "gcs", gcs: { bucket_name: plan.buckets[bucket] } });
  return {
    fullnameOverride: RELEASES.mimir,
    serviceAccount: serviceAccountValues(RELEASES.mimir, plan),
    // The chart's defaults since 6.0 deploy a demo Kafka for ingest storage; this platform does not use it.
    kafka: { enabled: false },
    minio: { enabled: false },
    // Zone-aware replication needs the rollout-operator and its CRDs; replicas are spread by topology instead.
    rollout_operator: { enabled: false },
    overrides_exporter: { enabled: false },
    mimir: {
      structuredConfig: {
        multitenancy_enabled: false,
        usage_stats: { enabled: false },
        ...CLASSIC_INGEST,
        ingester: { ...CLASSIC_INGEST.ingester, ring: { replication_factor: replicationFactor } },
        blocks_storage: gcs("blocks"),
        ruler_storage: gcs("ruler"),
        alertmanager_storage: gcs("alertmanager"),
        limits: { compactor_blocks_retention_period: config.retention.metrics },
      },
    },
    ingester: {
      replicas: m.ingesters,
      zoneAwareReplication: { enabled: false },
      persistentVolume: { enabled: true, size: m.storageSize },
      resources: m.resources,
    },
    store_gateway: {
      replicas: m.ingesters,
      zoneAwareReplication: { enabled: false },
      persistentVolume: { enabled: true, size: m.storageSize },
    },
    distributor: stateless,
    querier: stateless,
    query_frontend: stateless,
    query_scheduler: { replicas: m.replicas },
    compactor: { replicas: 1, persistentVolume: { enabled: true, size: m.storageSize } },
    ruler: { enabled: true, replicas: m.replicas },
    alertmanager: {
      enabled: true,
      replicas: replicationFactor,
      zoneAwareReplication: { enabled: false },
      persistentVolume: { enabled: true, size: "1Gi" },
    },
    // Since chart 6.0 the gateway is `gateway.enabled` (the old enabledNonEnterprise is gone).
    gateway: { enabled: true, replicas: m.replicas },
    "chunks-cache": cache,
    "index-cache": cache,
    "metadata-cache": cache,
    "results-cache": cache,
  };
}

/** Mimir's HTTP port in monolithic mode. */
export const MIMIR_MONOLITHIC_PORT = 8080;
/** Where the monolithic Mimir keeps everything (one volume). */
export const MIMIR_DATA_DIR = "/data";

/**
 * The configuration of a single-process Mimir (dev): every component including the ruler and the
 * Alertmanager in one process, blocks, rules and Alertmanager state on the local volume.
 */
export function mimirMonolithicConfig(config: MonitoringConfig) {
  // Separate directories, none a prefix of another (Mimir refuses overlapping storage paths).
  const dir = (sub: string) => `${MIMIR_DATA_DIR}/${sub}`;
  const alertmanagerUrl = `http://localhost:${MIMIR_MONOLITHIC_PORT}/alertmanager`;
  return {
    target: "all,alertmanager",
    multitenancy_enabled: false,
    usage_stats: { enabled: false },
    server: { http_listen_port: MIMIR_MONOLITHIC_PORT, grpc_listen_port: 9095, log_level: "warn" },
    ...CLASSIC_INGEST,
    ingester: { ...CLASSIC_INGEST.ingester, ring: { replication_factor: 1 } },
    blocks_storage: {
      backend: "filesystem",
      filesystem: { dir: dir("blocks") },
      tsdb: { dir: dir("tsdb") },
      bucket_store: { sync_dir: dir("bucket-sync") },
    },
    compactor: { data_dir: dir("compactor") },
    store_gateway: { sharding_ring: { replication_factor: 1 } },
    ruler: { rule_path: dir("ruler-eval"), alertmanager_url: alertmanagerUrl },
    ruler_storage: { backend: "filesystem", filesystem: { dir: dir("rules") } },
    alertmanager: {
      data_dir: dir("alertmanager"),
      external_url: alertmanagerUrl,
      sharding_ring: { replication_factor: 1 },
    },
    alertmanager_storage: { backend: "filesystem", filesystem: { dir: dir("am-configs") } },
    limits: { compactor_blocks_retention_period: config.retention.metrics },
  };
}

/** The Kubernetes objects of a monolithic Mimir (a ConfigMap, a one-replica StatefulSet, a Service). */
export function mimirMonolithicObjects(config: MonitoringConfig, configYaml: string) {
  const name = RELEASES.mimir;
  const labels = { "app.kubernetes.io/name": "mimir", "app.kubernetes.io/instance": name };
  const metadata = { name, namespace: config.namespace, labels };
  return {
    configMap: { metadata, data: { "mimir.yaml": configYaml } },
    service: {
      metadata,
      spec: {
        selector: labels,
        ports: [
          { name: "http-metrics", port: MIMIR_MONOLITHIC_PORT, targetPort: MIMIR_MONOLITHIC_PORT },
          { name: "grpc", port: 9095, targetPort: 9095 },
        ],
      },
    },
    statefulSet: {
      metadata,
      spec: {
        replicas: 1,
        serviceName: name,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              runAsGroup: 10001,
              fsGroup: 10001,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: "mimir",
                image: config.mimir.image,
                args: ["-config.file=/etc/mimir/mimir.yaml"],
                ports: [
                  { name: "http-metrics", containerPort: MIMIR_MONOLITHIC_PORT },
                  { name: "grpc", containerPort: 9095 },
                ],
                readinessProbe: {
                  httpGet: { path: "/ready", port: MIMIR_MONOLITHIC_PORT },
                  initialDelaySeconds: 15,
                },
                resources: config.mimir.resources,
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                volumeMounts: [
                  { name: "config", mountPath: "/etc/mimir" },
                  { name: "data", mountPath: MIMIR_DATA_DIR },
                ],
              },
            ],
            volumes: [{ name: "config", configMap: { name } }],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: {
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: config.mimir.storageSize } },
            },
          },
        ],
      },
    },
  };
}
