import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  ARGOCD_REDIS_SECRET,
  ARGOCD_RELEASE,
  argoCdValues,
  gitOpsTeams,
  teamAppProject,
  teamApplication,
} from "../../core/addons/argocd";
import type { Environment } from "../../core/config";
import type { ArgoCdConfig } from "../../core/config/addons";
import type { Team } from "../../core/teams";
import { pinnedChart } from "../monitoring/pinned-chart";
import { customResource } from "../custom-resource";
import { generatedPassword } from "../generated-password";

export interface ArgoCdArgs {
  /** The `kafka-platform:addons.argocd` configuration (namespace, pinned chart). */
  config: ArgoCdConfig;
  /** The platform environment (`dev`, `prod`), labelled on the projects and applications. */
  environment: Environment;
  /** All teams; those with `gitops` get an AppProject and an Application. */
  teams: readonly Team[];
  /** The teams' namespaces (KafkaTeam), which Applications sync into and must not create. */
  teamNamespaces: pulumi.Resource[];
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
}

/**
 * Argo CD from its pinned chart, and per team with a `gitops` source an AppProject restricted to
 * the team's repository and namespace, and an Application that syncs it there.
 */
export class ArgoCd extends pulumi.ComponentResource {
  /** The argo-cd chart (CRDs included). */
  readonly chart: k8s.helm.v4.Chart;
  /** AppProject and Application per team name. */
  readonly projects: Record<string, k8s.apiextensions.CustomResource> = {};
  readonly applications: Record<string, k8s.apiextensions.CustomResource> = {};

  constructor(name: string, args: ArgoCdArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:addons:ArgoCd", name, {}, opts);
    const { config, provider } = args;
    const namespace = new k8s.core.v1.Namespace(
      name,
      { metadata: { name: config.namespace } },
      { parent: this, provider },
    );
    // Redis's password: the chart's secret-init hook Job would create it, but helm.v4.Chart drops hooks.
    const redisSecret = new k8s.core.v1.Secret(
      `${name}-redis`,
      {
        metadata: { name: ARGOCD_REDIS_SECRET.name, namespace: namespace.metadata.name },
        type: "Opaque",
        stringData: { [ARGOCD_REDIS_SECRET.key]: generatedPassword(`${name}-redis-password`, this) },
      },
      { parent: this, provider },
    );
    this.chart = pinnedChart(ARGOCD_RELEASE, config.chart, namespace.metadata.name, argoCdValues(), {
      parent: this,
      provider,
      dependsOn: [redisSecret],
    });

    // The CRDs come with the chart; the namespaces come from the teams.
    const after = { parent: this, provider, dependsOn: [this.chart, ...args.teamNamespaces] };
    for (const team of gitOpsTeams(args.teams)) {
      const project = customResource(
        `${name}/${team.name}/project`,
        teamAppProject(team, config, args.environment),
        after,
      );
      this.projects[team.name] = project;
      this.applications[team.name] = customResource(
        `${name}/${team.name}/application`,
        teamApplication(team, config, args.environment),
        { ...after, dependsOn: [...after.dependsOn, project] },
      );
    }
    this.registerOutputs({ namespace: namespace.metadata.name, teams: Object.keys(this.applications) });
  }
}
