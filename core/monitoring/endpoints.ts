import { MonitoringConfig } from "../config/monitoring";

/** Release (and fullname) of each chart; Kubernetes names below derive from them. */
export const RELEASES = {
  grafana: "grafana",
  mimir: "mimir",
  loki: "loki",
  tempo: "tempo",
  alloy: "alloy",
  kubeStateMetrics: "kube-state-metrics",
  prometheusOperatorCrds: "prometheus-operator-crds",
} as const;

/** Where each backend listens inside the cluster, as Grafana and Alloy reach it. */
export interface StackEndpoints {
  /** Mimir's Prometheus-compatible query API (Grafana data source). */
  mimirQuery: string;
  /** Remote-write endpoint. */
  mimirPush: string;
  /** Base URL of Mimir's ruler API (Alloy's `mimir.rules.kubernetes`). */
  mimirRuler: string;
  /** Loki's API base (Grafana data source). */
  lokiQuery: string;
  lokiPush: string;
  /** Tempo's query API (Grafana data source). */
  tempoQuery: string;
  /** Tempo's OTLP gRPC receiver (host:port). */
  tempoOtlpGrpc: string;
  /** kube-state-metrics' metrics endpoint (host:port). */
  kubeStateMetrics: string;
}

export function stackEndpoints(config: MonitoringConfig): StackEndpoints {
  const svc = (name: string) => `${name}.${config.namespace}.svc.cluster.local`;
  // Distributed Mimir is reached through its gateway (port 80); monolithic Mimir serves everything on 8080.
  const mimir =
    config.mimir.mode === "distributed"
      ? `http://${svc(`${RELEASES.mimir}-gateway`)}`
      : `http://${svc(RELEASES.mimir)}:8080`;
  const loki = `http://${svc(`${RELEASES.loki}-gateway`)}`;
  return {
    mimirQuery: `${mimir}/prometheus`,
    mimirPush: `${mimir}/api/v1/push`,
    mimirRuler: mimir,
    lokiQuery: loki,
    lokiPush: `${loki}/loki/api/v1/push`,
    tempoQuery: `http://${svc(RELEASES.tempo)}:3200`,
    tempoOtlpGrpc: `${svc(RELEASES.tempo)}:4317`,
    kubeStateMetrics: `${svc(RELEASES.kubeStateMetrics)}:8080`,
  };
}
