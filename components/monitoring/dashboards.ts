import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { teamDashboard } from "../../core/monitoring/dashboards/team";
import { KafkaTarget, TeamTarget } from "../../core/monitoring/targets";
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL } from "../../core/monitoring/values/grafana";
import { TEAM_LABEL } from "../../core/labels";

export interface TeamDashboardsArgs {
  /** The Kafka cluster the dashboards query. */
  target: KafkaTarget;
  /** One dashboard per team. */
  teams: TeamTarget[];
  /** Lag threshold drawn for teams without their own. */
  defaultMaxLagMessages: number;
  /** Namespace of the stack (Grafana's sidecar reads every namespace, this keeps them together). */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/** One ConfigMap per team holding its generated dashboard, labelled for Grafana's dashboard sidecar. */
export class TeamDashboards extends pulumi.ComponentResource {
  constructor(name: string, args: TeamDashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:TeamDashboards", name, {}, opts);
    for (const team of args.teams) {
      const dashboard = teamDashboard(args.target, team, args.defaultMaxLagMessages);
      new k8s.core.v1.ConfigMap(
        `${name}-${team.team}`,
        {
          metadata: {
            name: `kafka-team-${team.team}-dashboard`,
            namespace: args.namespace,
            labels: { [DASHBOARD_LABEL]: "1", [TEAM_LABEL]: team.team },
            annotations: { [DASHBOARD_FOLDER_ANNOTATION]: "Kafka teams" },
          },
          data: { [`kafka-team-${team.team}.json`]: JSON.stringify(dashboard, null, 2) },
        },
        { parent: this, provider: args.provider },
      );
    }
    this.registerOutputs({});
  }
}
