/**
 * CRDs exactly as the API server stores them. The API server serialises a CRD's schema through Go
 * structs (`JSONSchemaProps`) whose maps and lists are `omitempty`: an empty `properties: {}` (the
 * Strimzi 1.2.0 `kafkas` CRD has one, at `status.clusterSecurity`) or `required: []` is dropped on
 * write, so the provider, comparing what the program declares with what the server returns, sees a
 * change on every preview (`~ 1 to update` after every `up`, found by the engine tier). Dropping the
 * same empty members before applying changes nothing the server keeps, and the preview stays empty.
 */

/** Schema members that the API server omits when empty. */
const OMITTED_WHEN_EMPTY = [
  "properties",
  "patternProperties",
  "definitions",
  "dependencies",
  "required",
  "enum",
  "allOf",
  "anyOf",
  "oneOf",
  "x-kubernetes-list-map-keys",
];
/** Members holding a map of sub-schemas. */
const SCHEMA_MAPS = ["properties", "patternProperties", "definitions"];
/** Members holding one sub-schema (or, for `items`, a list of them). */
const SCHEMA_ONE = ["items", "additionalProperties", "additionalItems", "not"];
/** Members holding a list of sub-schemas. */
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isEmpty(v: Json): boolean {
  return (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
}

/** One JSON schema with its empty, server-omitted members removed, recursively; the input is not changed. */
export function schemaAsStored(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OMITTED_WHEN_EMPTY.includes(key) && isEmpty(value)) continue;
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaAsStored(v)]));
    } else if (SCHEMA_ONE.includes(key)) {
      out[key] = Array.isArray(value) ? value.map(schemaAsStored) : schemaAsStored(value);
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map(schemaAsStored);
    } else {
      // `default`, `example`, `enum` values and the rest are data: kept as written.
      out[key] = value;
    }
  }
  return out;
}

/**
 * A manifest object as the API server stores it: for a CustomResourceDefinition, every version's
 * `schema.openAPIV3Schema` through {@link schemaAsStored}; any other object unchanged.
 */
export function crdAsStored<T>(object: T): T {
  const o = object as Json;
  if (!isObject(o) || o.kind !== "CustomResourceDefinition" || !isObject(o.spec)) return object;
  const versions = o.spec.versions;
  if (!Array.isArray(versions)) return object;
  return {
    ...o,
    spec: {
      ...o.spec,
      versions: versions.map((v: Json) =>
        isObject(v) && isObject(v.schema)
          ? { ...v, schema: { ...v.schema, openAPIV3Schema: schemaAsStored(v.schema.openAPIV3Schema) } }
          : v,
      ),
    },
  } as T;
}
