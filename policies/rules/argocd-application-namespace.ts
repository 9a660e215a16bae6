import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TEAM_LABEL } from "../../core/labels";
import { configOf } from "../lib/config";
import { ObjectMeta } from "../lib/strimzi";

const ARGO_TYPE = "kubernetes:argoproj.io/v1alpha1:";
const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
const STRIMZI_TYPE = "kubernetes:kafka.strimzi.io/v1:";

interface Destination {
  namespace?: string;
  server?: string;
  name?: string;
}
interface ArgoObject {
  metadata?: ObjectMeta;
  spec?: {
    destination?: Destination;
    destinations?: Destination[];
    clusterResourceWhitelist?: unknown[];
  };
}

interface ApplicationNamespaceConfig {
  forbiddenNamespaces: string[];
}

const schema = {
  properties: {
    forbiddenNamespaces: {
      type: "array" as const,
      items: { type: "string" as const },
      uniqueItems: true,
      default: [],
      description: "Further namespaces no Argo CD Application or AppProject may target.",
    },
  },
};

/**
 * Argo CD serves the teams' own workloads only: an Application (and its AppProject) may target
 * nothing but the namespace of the team that owns it, never the Kafka namespace (which holds the
 * cluster, its users and their passwords) nor another team's namespace, and a project admits no
 * cluster-scoped resources. Team namespaces are the Namespaces labelled with the team.
 */
export function argocdApplicationNamespace(): StackValidationPolicy {
  return {
    name: "argocd-application-namespace",
    description:
      "Argo CD Applications and AppProjects target only their own team's namespace: never the Kafka namespace, another team's namespace, or cluster-scoped resources.",
    severity: "critical",
    remediationSteps:
      "Set the destination namespace to the team's own namespace (its team file's `namespace`) and leave clusterResourceWhitelist empty.",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
      const config = configOf<ApplicationNamespaceConfig>(schema, args.getConfig());
      const kafkaNamespaces = new Set<string>();
      const teamOfNamespace = new Map<string, string>();
      const argo: PolicyResource[] = [];
      for (const r of args.resources) {
        const meta = (r.props as { metadata?: ObjectMeta }).metadata;
        if (r.type.startsWith(STRIMZI_TYPE) && meta?.namespace) kafkaNamespaces.add(meta.namespace);
        else if (r.type === NAMESPACE_TYPE && meta?.name && meta.labels?.[TEAM_LABEL]) {
          teamOfNamespace.set(meta.name, meta.labels[TEAM_LABEL]);
        } else if (r.type === `${ARGO_TYPE}Application` || r.type === `${ARGO_TYPE}AppProject`) argo.push(r);
      }
      for (const r of argo) {
        const object = r.props as ArgoObject;
        const kind = r.type.slice(ARGO_TYPE.length);
        const team = object.metadata?.labels?.[TEAM_LABEL];
        const where = `${kind} "${object.metadata?.name ?? r.name}"${team ? ` of team "${team}"` : ""}`;
        const report = (message: string) => reportViolation(`${where} ${message}`, r.urn);
        const destinations =
          kind === "Application" ? [object.spec?.destination ?? {}] : (object.spec?.destinations ?? []);
        if (kind === "AppProject" && destinations.length === 0) report("declares no destinations");
        for (const { namespace } of destinations) {
          const owner = namespace === undefined ? undefined : teamOfNamespace.get(namespace);
          if (!namespace || namespace.includes("*")) {
            report(
              `targets ${namespace ? `the namespace pattern "${namespace}"` : "no namespace"}; name the team's own namespace`,
            );
          } else if (kafkaNamespaces.has(namespace)) {
            report(`targets the Kafka namespace "${namespace}"; deploy into the team's own namespace`);
          } else if (config.forbiddenNamespaces.includes(namespace)) {
            report(`targets the platform namespace "${namespace}"; deploy into the team's own namespace`);
          } else if (owner === undefined) {
            report(
              `targets "${namespace}", which is no team's namespace; deploy into the team's own namespace`,
            );
          } else if (owner !== team) {
            report(
              `targets "${namespace}", the namespace of team "${owner}"; deploy into the team's own namespace`,
            );
          }
        }
        if (kind === "AppProject" && (object.spec?.clusterResourceWhitelist ?? []).length > 0) {
          report("allows cluster-scoped resources; leave clusterResourceWhitelist empty");
        }
      }
    },
  };
}
