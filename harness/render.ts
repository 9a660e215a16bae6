import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ProgramRun, redact } from "./engine";
import { kubernetesObjects, KubernetesObject } from "./kubernetes-objects";

/**
 * The file name the Kubernetes provider's `renderYamlToDirectory` gives an object:
 * `<apiVersion>-<kind>-<namespace>-<name>.yaml`, with `/` and `:` replaced by `_`,
 * the kind in lower case and `default` for objects without a namespace.
 */
export function renderFileName(object: KubernetesObject): string {
  const sanitise = (s: string) => s.replace(/[/:]/g, "_");
  const namespace = object.metadata.namespace || "default";
  return `${sanitise(object.apiVersion)}-${object.kind.toLowerCase()}-${sanitise(namespace)}-${sanitise(object.metadata.name ?? "unnamed")}.yaml`;
}

/** One entry of `resources.json`. */
export interface ResourceSummary {
  type: string;
  name: string;
  urn: string;
  parent: string | null;
  provider: string | null;
  protect: boolean;
  retainOnDelete: boolean;
  dependsOn: string[];
  inputs: unknown;
}

export function resourceSummaries(run: ProgramRun): ResourceSummary[] {
  return run.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    parent: r.parent ?? null,
    provider: r.provider ?? null,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    dependsOn: r.dependsOn,
    inputs: r.type === "kubernetes:core/v1:Secret" ? redactSecretInputs(r.inputs) : redact(r.inputs),
  }));
}

function redactSecretInputs(inputs: Record<string, unknown>): unknown {
  const out = redact(inputs) as Record<string, unknown>;
  for (const field of ["data", "stringData"]) {
    const data = out[field];
    if (data && typeof data === "object")
      out[field] = Object.fromEntries(Object.keys(data).map((k) => [k, "[secret]"]));
  }
  return out;
}

/** Writes every Kubernetes object as one YAML file plus `resources.json`; returns the files written. */
export function writeRender(run: ProgramRun, outDir: string): { objects: string[]; resourcesJson: string } {
  mkdirSync(outDir, { recursive: true });
  const objects: string[] = [];
  const seen = new Set<string>();
  for (const object of kubernetesObjects(run)) {
    const file = renderFileName(object);
    if (seen.has(file)) throw new Error(`two objects render to ${file}`);
    seen.add(file);
    writeFileSync(path.join(outDir, file), stringify(object, { lineWidth: 0 }));
    objects.push(file);
  }
  const resourcesJson = path.join(outDir, "resources.json");
  writeFileSync(resourcesJson, `${JSON.stringify(resourceSummaries(run), null, 2)}\n`);
  return { objects, resourcesJson };
}
