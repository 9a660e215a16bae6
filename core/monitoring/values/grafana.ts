import { MonitoringConfig } from "../../config/monitoring";
import { RELEASES, StackEndpoints } from "../endpoints";

/** Label (any value) that makes Grafana's sidecar load a ConfigMap as dashboards. */
export const DASHBOARD_LABEL = "grafana_dashboard";
/** Annotation naming the Grafana folder of a dashboard ConfigMap. */
export const DASHBOARD_FOLDER_ANNOTATION = "grafana_folder";

/** Fixed data source UIDs, so dashboards can reference them. */
export const DATASOURCE_UIDS = { mimir: "mimir", loki: "loki", tempo: "tempo" } as const;

/** The Secret (created by the program) holding Grafana's admin credentials. */
export const GRAFANA_ADMIN_SECRET = {
  name: "grafana-admin",
  userKey: "admin-user",
  passwordKey: "admin-password",
};

/** The data sources Grafana is provisioned with. */
export function grafanaDatasources(endpoints: StackEndpoints) {
  return [
    {
      name: "Mimir",
      type: "prometheus",
      uid: DATASOURCE_UIDS.mimir,
      access: "proxy",
      url: endpoints.mimirQuery,
      isDefault: true,
      jsonData: { httpMethod: "POST", prometheusType: "Mimir", timeInterval: "30s" },
    },
    {
      name: "Loki",
      type: "loki",
      uid: DATASOURCE_UIDS.loki,
      access: "proxy",
      url: endpoints.lokiQuery,
      jsonData: { maxLines: 1000 },
    },
    {
      name: "Tempo",
      type: "tempo",
      uid: DATASOURCE_UIDS.tempo,
      access: "proxy",
      url: endpoints.tempoQuery,
      jsonData: {
        tracesToLogsV2: { datasourceUid: DATASOURCE_UIDS.loki, filterByTraceID: true },
        serviceMap: { datasourceUid: DATASOURCE_UIDS.mimir },
        nodeGraph: { enabled: true },
      },
    },
  ];
}

/** Values for the grafana-community `grafana` chart. */
export function grafanaValues(config: MonitoringConfig, endpoints: StackEndpoints) {
  const { grafana } = config;
  return {
    fullnameOverride: RELEASES.grafana,
    replicas: grafana.replicas,
    // The admin password lives in a Secret the program writes from a random password; never in values.
    admin: {
      existingSecret: GRAFANA_ADMIN_SECRET.name,
      userKey: GRAFANA_ADMIN_SECRET.userKey,
      passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
    },
    persistence: { enabled: grafana.persistence, size: grafana.storageSize },
    resources: grafana.resources,
    datasources: { "datasources.yaml": { apiVersion: 1, datasources: grafanaDatasources(endpoints) } },
    sidecar: {
      dashboards: {
        enabled: true,
        label: DASHBOARD_LABEL,
        // Any value: Strimzi's chart and this program label their ConfigMaps differently.
        labelValue: "",
        searchNamespace: "ALL",
        folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
        provider: { foldersFromFilesStructure: true },
      },
    },
    "grafana.ini": {
      analytics: { reporting_enabled: false, check_for_updates: false },
      users: { allow_sign_up: false },
      "auth.anonymous": { enabled: false },
    },
    testFramework: { enabled: false },
  };
}
