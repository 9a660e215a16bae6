/**
 * Argo CD objects of the platform as plain data: one AppProject and one Application per team whose
 * file sets `gitops`. The project is the boundary: only the team's repository as source, only the
 * team's namespace on this cluster as destination, no cluster-scoped resources at all.
 */
import type { Environment } from "../config";
import type { ArgoCdConfig } from "../config/addons";
import { ENVIRONMENT_LABEL, TEAM_LABEL } from "../labels";
import type { Team } from "../teams";

export const ARGOCD_API_VERSION = "argoproj.io/v1alpha1";
/** Argo CD's name for the cluster it runs in. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
/** The Helm release name, also the prefix of Argo CD's objects. */
export const ARGOCD_RELEASE = "argocd";

/**
 * Namespaced kinds a team may not deploy even into its own namespace: quotas and limits are the
 * platform's to set.
 */
export const DENIED_NAMESPACED_KINDS = [
  { group: "", kind: "ResourceQuota" },
  { group: "", kind: "LimitRange" },
] as const;

/** An Argo CD custom resource as plain data. */
export interface ArgoCdObject {
  apiVersion: typeof ARGOCD_API_VERSION;
  kind: "AppProject" | "Application";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: Record<string, unknown>;
}

/** A team with a `gitops` source: the only teams Argo CD serves. */
export type GitOpsTeam = Team & { gitops: NonNullable<Team["gitops"]> };

export function gitOpsTeams(teams: readonly Team[]): GitOpsTeam[] {
  return teams.filter((t): t is GitOpsTeam => t.gitops !== undefined);
}

function metadata(team: Team, config: ArgoCdConfig, environment: Environment) {
  return {
    name: team.name,
    namespace: config.namespace,
    labels: { [TEAM_LABEL]: team.name, [ENVIRONMENT_LABEL]: environment },
  };
}

/** The team's AppProject: its repository in, its namespace out, nothing cluster-wide. */
export function teamAppProject(
  team: GitOpsTeam,
  config: ArgoCdConfig,
  environment: Environment,
): ArgoCdObject {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "AppProject",
    metadata: metadata(team, config, environment),
    spec: {
      description: `Workloads of team ${team.name}, from ${team.gitops.repoURL}`,
      sourceRepos: [team.gitops.repoURL],
      destinations: [{ server: IN_CLUSTER_SERVER, namespace: team.namespace }],
      // An empty allow list admits no cluster-scoped kind (Namespaces, ClusterRoles, CRDs, …).
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: DENIED_NAMESPACED_KINDS.map((k) => ({ ...k })),
    },
  };
}

/** The team's Application: syncs its repository path into its namespace, pruning and self-healing. */
export function teamApplication(
  team: GitOpsTeam,
  config: ArgoCdConfig,
  environment: Environment,
): ArgoCdObject {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "Application",
    metadata: metadata(team, config, environment),
    spec: {
      project: team.name,
      source: {
        repoURL: team.gitops.repoURL,
        path: team.gitops.path,
        targetRevision: team.gitops.targetRevision,
      },
      destination: { server: IN_CLUSTER_SERVER, namespace: team.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // The namespace is the platform's (KafkaTeam), with its labels and credentials Secrets.
        syncOptions: ["CreateNamespace=false"],
      },
    },
  };
}

/**
 * The Secret with Redis's password that Argo CD's server, repo-server, controller and Redis read
 * (key `auth`). The chart creates it only in a pre-install hook Job, which `helm.v4.Chart` drops,
 * so the program creates it (components/addons/argocd.ts) and the hook is switched off.
 */
export const ARGOCD_REDIS_SECRET = { name: `${ARGOCD_RELEASE}-redis`, key: "auth" } as const;

/**
 * Values of the argo-cd chart: Argo CD without SSO or notifications; the CRDs come with the chart.
 * (The ApplicationSet controller has no switch in the chart; it is installed and unused.)
 */
export function argoCdValues(): Record<string, unknown> {
  return {
    fullnameOverride: ARGOCD_RELEASE,
    crds: { install: true, keep: true },
    dex: { enabled: false },
    notifications: { enabled: false },
    redisSecretInit: { enabled: false },
  };
}
