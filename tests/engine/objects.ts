/**
 * The Kubernetes objects a stack's state declares, and where they live in the API server
 * (resource paths found through the server's discovery documents).
 */
import type { ControlPlane } from "./control-plane";

/** One Kubernetes object as the stack state records it. */
export interface DeclaredObject {
  urn: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  outputs?: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
}

/** Every Kubernetes object (a custom resource of the kubernetes provider) in an exported deployment. */
export function declaredObjects(deployment: {
  deployment?: { resources?: StateResource[] };
}): DeclaredObject[] {
  return (deployment.deployment?.resources ?? [])
    .filter(
      (r) => r.custom && r.type.startsWith("kubernetes:") && r.outputs?.kind && r.outputs.metadata?.name,
    )
    .map((r) => ({
      urn: r.urn,
      apiVersion: r.outputs!.apiVersion!,
      kind: r.outputs!.kind!,
      name: r.outputs!.metadata!.name!,
      namespace: r.outputs!.metadata!.namespace || undefined,
    }));
}

/** Maps objects to their API paths, reading each group version's discovery document once. */
export class ApiPaths {
  private readonly discovered = new Map<string, Map<string, { plural: string; namespaced: boolean }>>();

  constructor(private readonly controlPlane: ControlPlane) {}

  async pathOf(o: DeclaredObject): Promise<string> {
    const base = o.apiVersion.includes("/") ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    let kinds = this.discovered.get(base);
    if (!kinds) {
      const { status, body } = await this.controlPlane.get(base);
      if (status !== 200) throw new Error(`discovery ${base}: HTTP ${status}`);
      kinds = new Map();
      for (const r of (body as { resources: { name: string; kind: string; namespaced: boolean }[] })
        .resources) {
        if (!r.name.includes("/")) kinds.set(r.kind, { plural: r.name, namespaced: r.namespaced });
      }
      this.discovered.set(base, kinds);
    }
    const kind = kinds.get(o.kind);
    if (!kind) throw new Error(`${o.apiVersion} ${o.kind}: not served by the API server`);
    const ns = kind.namespaced ? `/namespaces/${o.namespace ?? "default"}` : "";
    return `${base}${ns}/${kind.plural}/${o.name}`;
  }

  /** The HTTP status of a GET of the object (200: it exists, 404: it does not). */
  async status(o: DeclaredObject): Promise<number> {
    return (await this.controlPlane.get(await this.pathOf(o))).status;
  }
}
