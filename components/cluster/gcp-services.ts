import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { NODE_SERVICE_ACCOUNT_ROLES } from "../../core/cluster/gke";

/**
 * Enables the project's APIs a cluster mode needs (`<name>-<service>` resources, children of
 * `parent`). They stay enabled on destroy: other workloads in the project may use them.
 */
export function enableServices(
  name: string,
  project: string,
  services: readonly string[],
  parent: pulumi.Resource,
): gcp.projects.Service[] {
  return services.map(
    (service) =>
      new gcp.projects.Service(
        `${name}-${service.split(".")[0]}`,
        { project, service, disableOnDestroy: false },
        { parent },
      ),
  );
}

/**
 * Grants a node service account the roles every node needs (core/cluster/gke.ts), one
 * `<prefix>-<role>` IAMMember each, e.g. `cluster-nodes-logging-logWriter`.
 */
export function grantNodeRoles(
  prefix: string,
  project: string,
  member: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): gcp.projects.IAMMember[] {
  return NODE_SERVICE_ACCOUNT_ROLES.map(
    (role) =>
      new gcp.projects.IAMMember(
        `${prefix}-${role.split("/")[1].replace(/\./g, "-")}`,
        { project, role, member },
        opts,
      ),
  );
}
