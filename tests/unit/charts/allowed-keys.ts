/**
 * Value paths the program sets that a chart's `values.yaml` does not list (commented out, or a
 * free-form map whose default only shows some keys), each with the template that reads it. A path
 * with `*` matches any one key there. tests/unit/charts/values.test.ts fails for an entry the
 * program no longer needs or that values.yaml does list, so the list stays exact.
 */
export interface AllowedKey {
  chart: string;
  path: string;
  /** The template (or the template string in values.yaml) that reads the key. */
  template: string;
}

export const ALLOWED_KEYS: AllowedKey[] = [
  {
    chart: "grafana",
    path: "fullnameOverride",
    template: 'templates/_helpers.tpl: define "grafana.fullname" reads .Values.fullnameOverride',
  },
  {
    chart: "grafana",
    path: "grafana.ini.analytics.reporting_enabled",
    template: "templates/_config.tpl: ranges over every section and key of .Values.grafana.ini",
  },
  {
    chart: "grafana",
    path: "grafana.ini.users",
    template: "templates/_config.tpl: ranges over every section and key of .Values.grafana.ini",
  },
  {
    chart: "grafana",
    path: "grafana.ini.auth.anonymous",
    template: "templates/_config.tpl: ranges over every section and key of .Values.grafana.ini",
  },
  {
    chart: "loki",
    path: "loki.limits_config.retention_period",
    template:
      "values.yaml loki.config: limits_config rendered whole (tpl (.Values.loki.limits_config | toYaml))",
  },
  {
    chart: "loki",
    path: "loki.limits_config.allow_structured_metadata",
    template:
      "values.yaml loki.config: limits_config rendered whole (tpl (.Values.loki.limits_config | toYaml))",
  },
  {
    chart: "loki",
    path: "loki.storage.bucketNames",
    template:
      "templates/_helpers.tpl: loki.commonStorageConfig and loki.rulerStorageConfig read .Values.loki.storage.bucketNames (commented out in values.yaml)",
  },
  {
    chart: "tempo",
    path: "tempo.storage.trace.gcs",
    template:
      "values.yaml config (rendered by templates/configmap-tempo.yaml): storage: toYaml .Values.tempo.storage",
  },
  {
    chart: "mimir-distributed",
    path: "*.resources.limits",
    template:
      "templates/<component>/<component>-dep.yaml and -statefulset.yaml: resources: toYaml .Values.<component>.resources",
  },
];

/** True when an allow-list entry's path matches a value path. */
export function matchesAllowed(entryPath: string, valuePath: string): boolean {
  const a = entryPath.split(".");
  const b = valuePath.split(".");
  return a.length === b.length && a.every((seg, i) => seg === "*" || seg === b[i]);
}
