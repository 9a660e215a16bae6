import { MonitoringConfig } from "../../config/monitoring";
import { RELEASES } from "../endpoints";
import { ComponentStoragePlan, serviceAccountValues } from "../object-storage";

/** Values for the (monolithic) `tempo` chart: traces on its volume in dev, in a GCS bucket in prod. */
export function tempoValues(config: MonitoringConfig, plan?: ComponentStoragePlan) {
  const gcs = config.objectStorage === "gcs";
  if (gcs && !plan) throw new Error("Tempo on GCS needs a storage plan");
  return {
    fullnameOverride: RELEASES.tempo,
    replicas: 1,
    serviceAccount: serviceAccountValues(RELEASES.tempo, plan),
    tempo: {
      reportingEnabled: false,
      retention: config.retention.traces,
      resources: config.tempo.resources,
      storage: {
        trace: {
          ...(gcs
            ? { backend: "gcs", gcs: { bucket_name: plan!.buckets.traces } }
            : { backend: "local", local: { path: "/var/tempo/traces" } }),
          wal: { path: "/var/tempo/wal" },
        },
      },
    },
    // The write-ahead log (and, in dev, the traces) live on the volume.
    persistence: { enabled: true, size: config.tempo.storageSize },
  };
}
