import { MonitoringConfig } from "../../config/monitoring";
import { RELEASES } from "../endpoints";
import { ComponentStoragePlan, serviceAccountValues } from "../object-storage";

/** The deployment targets of the other modes, switched off (the chart refuses mixed modes). */
const SIMPLE_SCALABLE_OFF = { backend: { replicas: 0 }, read: { replicas: 0 }, write: { replicas: 0 } };

/**
 * Values for the `loki` chart: monolithic (SingleBinary) on its volume's filesystem in dev,
 * distributed (microservices) on GCS in prod. `plan` is required for GCS.
 */
export function lokiValues(config: MonitoringConfig, plan?: ComponentStoragePlan) {
  const l = config.loki;
  const store = config.objectStorage === "gcs" ? "gcs" : "filesystem";
  if (store === "gcs" && !plan) throw new Error("Loki on GCS needs a storage plan");
  const distributed = l.mode === "distributed";
  // With more than one replica the chart's PodDisruptionBudget templates fail unless maxUnavailable is set.
  const stateless = { replicas: l.replicas, maxUnavailable: 1, resources: l.resources };
  // singleBinary and indexGateway size their volume with `persistence.size`; ingester and compactor
  // only with `persistence.claims[].size` (a list, so the whole claim is given).
  const persistence = { enabled: true, size: l.storageSize };
  const claims = {
    enabled: true,
    claims: [{ name: "data", accessModes: ["ReadWriteOnce"], size: l.storageSize }],
  };
  return {
    fullnameOverride: RELEASES.loki,
    deploymentMode: distributed ? "Distributed" : "SingleBinary",
    serviceAccount: serviceAccountValues(RELEASES.loki, plan),
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: distributed ? Math.min(3, l.ingesters) : 1 },
      storage:
        store === "gcs"
          ? {
              type: "gcs",
              bucketNames: {
                chunks: plan!.buckets.chunks,
                ruler: plan!.buckets.ruler,
                admin: plan!.buckets.admin,
              },
            }
          : { type: "filesystem" },
      schemaConfig: {
        configs: [
          {
            from: "2024-01-01",
            store: "tsdb",
            object_store: store,
            schema: "v13",
            index: { prefix: "loki_index_", period: "24h" },
          },
        ],
      },
      limits_config: {
        retention_period: config.retention.logs,
        allow_structured_metadata: true,
        volume_enabled: true,
      },
      compactor: { retention_enabled: true, delete_request_store: store },
    },
    ...SIMPLE_SCALABLE_OFF,
    singleBinary: distributed ? { replicas: 0 } : { replicas: 1, persistence, resources: l.resources },
    ...(distributed
      ? {
          ingester: {
            replicas: l.ingesters,
            zoneAwareReplication: { enabled: false },
            persistence: claims,
            resources: l.resources,
          },
          distributor: stateless,
          querier: stateless,
          queryFrontend: stateless,
          queryScheduler: { replicas: l.replicas, maxUnavailable: 1 },
          indexGateway: { replicas: l.replicas, maxUnavailable: 1, persistence },
          compactor: { replicas: 1, persistence: claims },
        }
      : {}),
    gateway: { enabled: true, replicas: distributed ? l.replicas : 1 },
    chunksCache: { enabled: l.caches },
    resultsCache: { enabled: l.caches },
    minio: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
  };
}
