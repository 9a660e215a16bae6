import { PlatformConfig } from "../config/schema";
import { Problem } from "../errors";

/**
 * Monitoring settings that depend on other sections: GCS object storage needs Workload Identity, which
 * only the GKE cluster mode sets up. Checked before anything is registered.
 */
export function monitoringConfigProblems(config: PlatformConfig, file: string): Problem[] {
  const m = config.monitoring;
  if (!m.enabled || m.objectStorage !== "gcs" || config.cluster.mode === "gke") return [];
  return [
    {
      file,
      path: "kafka-platform:monitoring.objectStorage",
      message: `"gcs" needs Workload Identity, which cluster mode "${config.cluster.mode}" does not provide; use cluster mode gke or objectStorage: filesystem (with monolithic mimir and loki)`,
    },
  ];
}
