import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MonitoringConfig } from "../../core/config/monitoring";
import { platformRuleGroups, RuleGroup, teamRuleGroup } from "../../core/monitoring/alerts";
import { KafkaTarget, TeamTarget } from "../../core/monitoring/targets";
import { RULES_LABEL } from "../../core/monitoring/values/alloy";
import { TEAM_LABEL } from "../../core/labels";

export interface AlertRulesArgs {
  /** The Kafka cluster the rules watch. */
  target: KafkaTarget;
  /** Teams, each with a consumer lag rule at its threshold. */
  teams: TeamTarget[];
  /** Thresholds and runbook location. */
  alerts: MonitoringConfig["alerts"];
  /** Namespace of the stack. */
  namespace: pulumi.Input<string>;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
  /** The Prometheus Operator CRDs (PrometheusRule). */
  dependsOn?: pulumi.Resource[];
}

/** The platform's alert rules as PrometheusRule objects, labelled for Alloy to load them into Mimir's ruler. */
export class AlertRules extends pulumi.ComponentResource {
  constructor(name: string, args: AlertRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:AlertRules", name, {}, opts);
    const rule = (
      resourceName: string,
      objectName: string,
      groups: RuleGroup[],
      labels: Record<string, string> = {},
    ) =>
      new k8s.apiextensions.CustomResource(
        resourceName,
        {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "PrometheusRule",
          metadata: {
            name: objectName,
            namespace: args.namespace,
            labels: { [RULES_LABEL.key]: RULES_LABEL.value, ...labels },
          },
          spec: { groups },
        },
        { parent: this, provider: args.provider, dependsOn: args.dependsOn },
      );
    rule(
      `${name}-kafka`,
      `${args.target.clusterName}-kafka-alerts`,
      platformRuleGroups(args.target, args.alerts),
    );
    for (const team of args.teams) {
      rule(
        `${name}-team-${team.team}`,
        `kafka-team-${team.team}-alerts`,
        [teamRuleGroup(args.target, team, args.alerts)],
        {
          [TEAM_LABEL]: team.team,
        },
      );
    }
    this.registerOutputs({});
  }
}
