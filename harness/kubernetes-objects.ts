import { plain, ProgramRun, RecordedResource, redact, REDACTED } from "./engine";

/** A Kubernetes object as the program declared it. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

const KUBERNETES_TYPE = /^kubernetes:([a-z0-9.-]+)\/([a-z0-9]+):([A-Za-z0-9]+)$/;
/** Types under `kubernetes:` that are not single objects (charts, manifests sets, providers). */
const NOT_OBJECTS = /^kubernetes:(helm\.sh|yaml|kustomize)\//;

/** The `apiVersion`/`kind` of a Kubernetes resource type token, or undefined for other types. */
function kubernetesTypeOf(type: string): { apiVersion: string; kind: string } | undefined {
  if (NOT_OBJECTS.test(type)) return undefined;
  const m = KUBERNETES_TYPE.exec(type);
  if (!m) return undefined;
  const [, group, version, kind] = m;
  return { apiVersion: group === "core" ? version : `${group}/${version}`, kind };
}

/**
 * Every Kubernetes object the run declared. With `secrets: "redact"` (the default), Pulumi
 * secrets and all Secret data are replaced by `[secret]`; with `"reveal"`, they are plain.
 */
export function kubernetesObjects(
  run: ProgramRun,
  opts: { secrets?: "redact" | "reveal" } = {},
): KubernetesObject[] {
  const reveal = opts.secrets === "reveal";
  const out: KubernetesObject[] = [];
  for (const r of run.resources) {
    const t = kubernetesTypeOf(r.type);
    if (!t) continue;
    const body = (reveal ? plain(r.inputs) : redact(r.inputs)) as Record<string, unknown>;
    const object = { ...body, apiVersion: t.apiVersion, kind: t.kind } as KubernetesObject;
    object.metadata = { ...((body.metadata as object) ?? {}) };
    if (!reveal && t.kind === "Secret") redactSecretData(object);
    out.push(object);
  }
  return out;
}

function redactSecretData(secret: KubernetesObject): void {
  for (const field of ["data", "stringData"]) {
    const data = secret[field];
    if (data && typeof data === "object") {
      secret[field] = Object.fromEntries(Object.keys(data).map((k) => [k, REDACTED]));
    }
  }
}

/** Objects of one kind, optionally filtered by API group (e.g. `kafka.strimzi.io`). */
export function objectsOfKind(objects: KubernetesObject[], kind: string, group?: string): KubernetesObject[] {
  return objects.filter(
    (o) => o.kind === kind && (group === undefined || o.apiVersion.startsWith(`${group}/`)),
  );
}

/** Resources of a Pulumi type token. */
export function resourcesOfType(run: ProgramRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** Every resource under the components of a type (following parent links), the components included. */
export function resourcesUnder(run: ProgramRun, componentType: string): RecordedResource[] {
  const inside = new Set(run.resources.filter((r) => r.type === componentType).map((r) => r.urn));
  // Resources are recorded after their parents, so one pass in registration order finds them all.
  for (const r of run.resources) {
    if (r.parent && inside.has(r.parent)) inside.add(r.urn);
  }
  return run.resources.filter((r) => inside.has(r.urn));
}
