import { MonitoringConfig } from "../config/monitoring";
import {
  brokerPools,
  dataVolumeRegex,
  escapeRegex,
  KafkaTarget,
  podRegex,
  promString,
  TeamTarget,
  teamNameRegex,
} from "./targets";
import { TOPIC_INFO_METRIC, USER_INFO_METRIC } from "./values/kube-state-metrics";

/** One Prometheus alerting rule (PrometheusRule `spec.groups[].rules[]`). */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning" } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string };
}

/** A named group of rules, evaluated together. */
export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

type Thresholds = MonitoringConfig["alerts"];

/** The runbook section of an alert: `<runbookUrl>#<alert name in lower case>` (a Markdown heading anchor). */
export function runbookUrl(thresholds: Thresholds, alert: string): string {
  return `${thresholds.runbookUrl}#${alert.toLowerCase()}`;
}

/** A label matcher list such as `{namespace="kafka",pod=~"…"}`. */
function selector(matchers: Record<string, string>): string {
  const parts = Object.entries(matchers).map(([k, v]) =>
    v.startsWith("=~") || v.startsWith("!=")
      ? `${k}${v.slice(0, 2)}${promString(v.slice(2))}`
      : `${k}=${promString(v)}`,
  );
  return `{${parts.join(",")}}`;
}

const re = (regex: string) => `=~${regex}`;

function rule(
  thresholds: Thresholds,
  alert: string,
  severity: "critical" | "warning",
  expr: string,
  duration: string,
  summary: string,
  description: string,
  labels: Record<string, string> = {},
): AlertRule {
  return {
    alert,
    expr,
    for: duration,
    labels: { severity, ...labels },
    annotations: { summary, description, runbook_url: runbookUrl(thresholds, alert) },
  };
}

/** Alerts on a container that should run (ready) in at least `min` pods. */
function containerDown(
  thresholds: Thresholds,
  alert: string,
  namespace: string,
  pod: string,
  container: string,
  min: number,
  what: string,
): AlertRule {
  const ready = `kube_pod_container_status_ready${selector({ namespace, pod: re(pod), container })}`;
  return rule(
    thresholds,
    alert,
    "critical",
    `(sum(${ready}) or vector(0)) < ${min}`,
    "5m",
    `${what} is down`,
    `Only {{ $value }} of ${min} ${what} container(s) "${container}" in namespace ${namespace} are ready.`,
  );
}

/** Cluster-wide alerts for the Kafka cluster, its volumes, operators, certificates and resources. */
export function platformRuleGroups(target: KafkaTarget, thresholds: Thresholds): RuleGroup[] {
  const ns = target.namespace;
  const cluster = target.clusterName;
  const allPods = re(podRegex(target));
  const brokers = re(podRegex(target, brokerPools(target)));
  const nodes = { namespace: ns, pod: allPods };
  const expectedNodes = target.nodePools.reduce((n, p) => n + p.replicas, 0);
  const days = thresholds.certificateExpiryDays;
  const volume = selector({ namespace: ns, persistentvolumeclaim: re(dataVolumeRegex(target)) });
  const t = thresholds;

  return [
    {
      name: "kafka-partitions",
      rules: [
        rule(
          t,
          "KafkaUnderReplicatedPartitions",
          "warning",
          `sum by (namespace, pod) (kafka_server_replicamanager_underreplicatedpartitions${selector({ namespace: ns, pod: brokers })}) > 0`,
          "10m",
          "Kafka has under-replicated partitions",
          "Broker {{ $labels.pod }} leads {{ $value }} partition(s) whose followers are not in sync.",
        ),
        rule(
          t,
          "KafkaUnderMinIsrPartitions",
          "critical",
          `sum by (namespace, pod) (kafka_server_replicamanager_underminisrpartitioncount${selector({ namespace: ns, pod: brokers })}) > 0`,
          "2m",
          "Kafka partitions are below min.insync.replicas",
          "Broker {{ $labels.pod }} leads {{ $value }} partition(s) with fewer in-sync replicas than min.insync.replicas; producers with acks=all fail.",
        ),
        rule(
          t,
          "KafkaOfflinePartitions",
          "critical",
          `max(kafka_controller_kafkacontroller_offlinepartitionscount${selector(nodes)}) > 0`,
          "1m",
          "Kafka has offline partitions",
          `{{ $value }} partition(s) of cluster ${cluster} have no leader; they can be neither written nor read.`,
        ),
        rule(
          t,
          "KafkaActiveControllerCountNotOne",
          "critical",
          `(sum(kafka_controller_kafkacontroller_activecontrollercount${selector(nodes)}) or vector(0)) != 1`,
          "2m",
          "Kafka does not have exactly one active controller",
          `Cluster ${cluster} reports {{ $value }} active KRaft controllers; metadata changes stall without exactly one.`,
        ),
      ],
    },
    {
      name: "kafka-storage",
      rules: [
        rule(
          t,
          "KafkaOfflineLogDirectories",
          "critical",
          `sum by (namespace, pod) (kafka_log_logmanager_offlinelogdirectorycount${selector({ namespace: ns, pod: brokers })}) > 0`,
          "1m",
          "A Kafka log directory is offline",
          "Broker {{ $labels.pod }} has {{ $value }} offline log directory(ies); its replicas there are unavailable.",
        ),
        rule(
          t,
          "KafkaVolumeSpaceLow",
          "warning",
          `100 * kubelet_volume_stats_available_bytes${volume} / kubelet_volume_stats_capacity_bytes${volume} < ${t.diskFreePercent}`,
          "10m",
          `A Kafka volume has less than ${t.diskFreePercent} % free space`,
          "Volume {{ $labels.persistentvolumeclaim }} has {{ $value | humanize }} % free space left.",
        ),
      ],
    },
    {
      name: "kafka-containers",
      rules: [
        containerDown(
          t,
          "KafkaNodeContainersDown",
          ns,
          podRegex(target),
          "kafka",
          expectedNodes,
          "Kafka node",
        ),
        containerDown(
          t,
          "StrimziClusterOperatorDown",
          target.operatorNamespace,
          "strimzi-cluster-operator-.+",
          "strimzi-cluster-operator",
          1,
          "Strimzi cluster operator",
        ),
        containerDown(
          t,
          "StrimziTopicOperatorDown",
          ns,
          `${escapeRegex(cluster)}-entity-operator-.+`,
          "topic-operator",
          1,
          "Strimzi topic operator",
        ),
        containerDown(
          t,
          "StrimziUserOperatorDown",
          ns,
          `${escapeRegex(cluster)}-entity-operator-.+`,
          "user-operator",
          1,
          "Strimzi user operator",
        ),
        containerDown(
          t,
          "KafkaExporterDown",
          ns,
          `${escapeRegex(cluster)}-kafka-exporter-.+`,
          "kafka-exporter",
          1,
          "Kafka Exporter",
        ),
        rule(
          t,
          "KafkaMetricsScrapeFailing",
          "warning",
          `up${selector(nodes)} == 0`,
          "5m",
          "Kafka metrics cannot be scraped",
          "Alloy cannot scrape {{ $labels.pod }}; alerts on that node are blind.",
        ),
      ],
    },
    {
      name: "kafka-certificates",
      rules: [
        rule(
          t,
          "KafkaCertificateExpiring",
          "warning",
          `(strimzi_certificate_expiration_timestamp_ms${selector({ cluster, resource_namespace: ns })} / 1000 - time()) < ${days} * 86400`,
          "1h",
          `A Strimzi certificate expires within ${days} days`,
          "The {{ $labels.type }} certificate of cluster {{ $labels.cluster }} expires in {{ $value | humanizeDuration }}; Strimzi should have renewed it.",
        ),
      ],
    },
    {
      name: "kafka-resources",
      rules: [
        rule(
          t,
          "KafkaTopicNotReady",
          "warning",
          `max by (exported_namespace, name, team, reason) (${TOPIC_INFO_METRIC}${selector({ exported_namespace: ns, ready: "!=True" })}) == 1`,
          "15m",
          "A KafkaTopic is not Ready",
          "KafkaTopic {{ $labels.name }} (team {{ $labels.team }}) is not Ready: {{ $labels.reason }}.",
        ),
        rule(
          t,
          "KafkaUserNotReady",
          "warning",
          `max by (exported_namespace, name, team, reason) (${USER_INFO_METRIC}${selector({ exported_namespace: ns, ready: "!=True" })}) == 1`,
          "15m",
          "A KafkaUser is not Ready",
          "KafkaUser {{ $labels.name }} (team {{ $labels.team }}) is not Ready: {{ $labels.reason }}; its credentials or ACLs may be stale.",
        ),
      ],
    },
  ];
}

/** The consumer groups a team's lag alert and dashboard cover (unescaped regex). */
export function teamGroupRegex(team: TeamTarget): string {
  return teamNameRegex(team.prefix, team.consumerGroups);
}

/** The team's consumer lag alert, at its own threshold or the platform default. */
export function teamRuleGroup(target: KafkaTarget, team: TeamTarget, thresholds: Thresholds): RuleGroup {
  const max = team.maxLagMessages ?? thresholds.defaultMaxLagMessages;
  const lag = `kafka_consumergroup_lag${selector({ namespace: target.namespace, consumergroup: re(teamGroupRegex(team)) })}`;
  return {
    name: `team-${team.team}`,
    rules: [
      rule(
        thresholds,
        "KafkaConsumerLagHigh",
        "warning",
        `sum by (consumergroup, topic) (${lag}) > ${max}`,
        "10m",
        `Consumer lag of team ${team.team} is above ${max} messages`,
        `Consumer group {{ $labels.consumergroup }} is {{ $value }} messages behind on topic {{ $labels.topic }} (threshold ${max}).`,
        { team: team.team },
      ),
    ],
  };
}

/** Every alert name of the platform (for documentation checks). */
export function alertNames(groups: readonly RuleGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.rules.map((r) => r.alert)))];
}
