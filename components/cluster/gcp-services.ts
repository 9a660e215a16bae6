import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

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
