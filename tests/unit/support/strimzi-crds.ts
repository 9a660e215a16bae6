import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import { parse } from "yaml";
import { KubernetesObject } from "../../../harness/kubernetes-objects";

/** The Strimzi 1.2.0 CRDs, read from the shared folder beside the repository (never copied into it). */
export const STRIMZI_CRDS_DIR = path.resolve(__dirname, "../../../../shared/strimzi/crds");

/** True when the CRDs are available; tests that need them skip with a message otherwise. */
export function strimziCrdsAvailable(): boolean {
  return existsSync(STRIMZI_CRDS_DIR);
}

export const CRDS_MISSING_MESSAGE = `Strimzi CRDs not found at ${STRIMZI_CRDS_DIR}; CRD schema tests skipped`;

let validators: Map<string, ValidateFunction> | undefined;

/** Validators per `<kind>` for the CRDs' served `v1` version. */
function loadValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  validators = new Map();
  for (const file of readdirSync(STRIMZI_CRDS_DIR).filter((f) => f.endsWith(".yaml"))) {
    const crd = parse(readFileSync(path.join(STRIMZI_CRDS_DIR, file), "utf8"));
    const version = crd.spec.versions.find(
      (v: { name: string; served: boolean }) => v.name === "v1" && v.served,
    );
    if (!version) continue;
    validators.set(crd.spec.names.kind, ajv.compile(version.schema.openAPIV3Schema));
  }
  return validators;
}

/** Schema errors of a Strimzi object against its CRD (empty when valid); throws for an unknown kind. */
export function strimziSchemaErrors(object: KubernetesObject): string[] {
  const id = `${object.kind}/${object.metadata.name}`;
  if (object.apiVersion !== "kafka.strimzi.io/v1")
    return [`${id}: apiVersion ${object.apiVersion} is not served`];
  const validate = loadValidators().get(object.kind);
  if (!validate) throw new Error(`no Strimzi CRD for kind ${object.kind}`);
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${id}${e.instancePath}: ${e.message}`);
}
