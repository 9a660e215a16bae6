import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { KubernetesObject } from "../../../harness/kubernetes-objects";
import {
  CRDS_MISSING_MESSAGE,
  STRIMZI_CRDS_DIR,
  strimziCrdsAvailable,
  strimziSchemaErrors,
} from "../support/strimzi-crds";

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: unknown;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
}

let schemas: Map<string, Schema> | undefined;
function schemaOf(kind: string): Schema {
  if (!schemas) {
    schemas = new Map();
    for (const file of readdirSync(STRIMZI_CRDS_DIR).filter((f) => f.endsWith(".yaml"))) {
      const crd = parse(readFileSync(path.join(STRIMZI_CRDS_DIR, file), "utf8"));
      const v1 = crd.spec.versions.find((v: { name: string }) => v.name === "v1");
      if (v1) schemas.set(crd.spec.names.kind, v1.schema.openAPIV3Schema);
    }
  }
  const schema = schemas.get(kind);
  if (!schema) throw new Error(`no CRD for ${kind}`);
  return schema;
}

/**
 * Fields the CRD does not declare. The CRDs allow unknown fields (the API server prunes them, so a
 * misspelt field would silently do nothing); this finds them.
 */
export function undeclaredFields(value: unknown, schema: Schema, at = ""): string[] {
  if (schema["x-kubernetes-preserve-unknown-fields"] || schema.additionalProperties) return [];
  if (Array.isArray(value))
    return schema.items ? value.flatMap((v, i) => undeclaredFields(v, schema.items!, `${at}[${i}]`)) : [];
  if (!value || typeof value !== "object" || !schema.properties) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (at === "" && (key === "metadata" || key === "apiVersion" || key === "kind")) return [];
    const child = schema.properties![key];
    return child ? undeclaredFields(v, child, `${at}.${key}`) : [`${at}.${key}`];
  });
}

/**
 * Asserts that Strimzi objects validate against the 1.2.0 CRDs and use no undeclared field; skips the
 * test when the CRDs are absent.
 */
export function assertValidStrimzi(context: Mocha.Context, objects: readonly object[]): void {
  if (!strimziCrdsAvailable()) {
    console.warn(CRDS_MISSING_MESSAGE);
    context.skip();
  }
  assert.ok(objects.length > 0, "no Strimzi objects to validate");
  for (const object of objects as KubernetesObject[]) {
    assert.deepStrictEqual(strimziSchemaErrors(object), []);
    assert.deepStrictEqual(
      undeclaredFields(object, schemaOf(object.kind)),
      [],
      `${object.kind}/${object.metadata.name}`,
    );
  }
}
