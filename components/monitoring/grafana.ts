import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { RELEASES, StackEndpoints } from "../../core/monitoring/endpoints";
import { GRAFANA_ADMIN_SECRET, grafanaValues } from "../../core/monitoring/values/grafana";
import { pinnedChart } from "./pinned-chart";
import { generatedPassword } from "../generated-password";

export interface GrafanaArgs {
  /** The monitoring configuration (chart, sizes). */
  config: MonitoringConfig;
  /** Where Mimir, Loki and Tempo listen (the provisioned data sources). */
  endpoints: StackEndpoints;
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** Grafana with Mimir, Loki and Tempo data sources, dashboards from labelled ConfigMaps and a generated admin password. */
export class Grafana extends pulumi.ComponentResource {
  /** The admin password (a Pulumi secret). */
  readonly adminPassword: pulumi.Output<string>;
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: GrafanaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:Grafana", name, {}, opts);
    this.adminPassword = generatedPassword(`${name}-admin-password`, this);
    const secret = new k8s.core.v1.Secret(
      `${name}-admin`,
      {
        metadata: { name: GRAFANA_ADMIN_SECRET.name, namespace: args.namespace },
        type: "Opaque",
        stringData: {
          [GRAFANA_ADMIN_SECRET.userKey]: "admin",
          [GRAFANA_ADMIN_SECRET.passwordKey]: this.adminPassword,
        },
      },
      { parent: this, provider: args.provider },
    );
    this.chart = pinnedChart(
      RELEASES.grafana,
      args.config.charts.grafana,
      args.namespace,
      grafanaValues(args.config, args.endpoints),
      {
        parent: this,
        provider: args.provider,
        dependsOn: [secret],
      },
    );
    this.registerOutputs({ adminPassword: this.adminPassword });
  }
}
