import * as assert from "assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse, parseAllDocuments, stringify } from "yaml";
import { crdsAsStoredFile } from "../../../components/strimzi-crds-file";
import { crdAsStored, schemaAsStored } from "../../../core/strimzi/crd-normalise";
import { CRDS_MISSING_MESSAGE, STRIMZI_CRDS_DIR, strimziCrdsAvailable } from "../support/strimzi-crds";

const crd = (openAPIV3Schema: unknown) => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "kafkas.kafka.strimzi.io" },
  spec: { versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema } }] },
});

/** Every path at which a schema member the server omits is empty. */
function emptyMembers(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyMembers(v, `${at}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${at}.${k}`;
    const empty = typeof v === "object" && v !== null && Object.keys(v).length === 0;
    return empty && ["properties", "required"].includes(k) ? [here] : emptyMembers(v, here);
  });
}

describe("CRDs as the API server stores them (core/strimzi/crd-normalise)", function () {
  it("drops Strimzi's empty status.clusterSecurity.properties, keeping the rest of the node", function () {
    const input = crd({
      type: "object",
      properties: {
        status: {
          type: "object",
          properties: {
            clusterSecurity: { type: "object", properties: {}, "x-kubernetes-preserve-unknown-fields": true },
          },
        },
      },
    });
    const out = crdAsStored(input);
    const status = (out.spec.versions[0].schema.openAPIV3Schema as { properties: { status: unknown } })
      .properties.status;
    assert.deepEqual(status, {
      type: "object",
      properties: { clusterSecurity: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    });
    // Pure: the input still has its empty map.
    assert.deepEqual(emptyMembers(input), [
      ".spec.versions[0].schema.openAPIV3Schema.properties.status.properties.clusterSecurity.properties",
    ]);
  });

  it("reaches schemas under items, additionalProperties and allOf, and drops empty required lists", function () {
    const out = schemaAsStored({
      type: "object",
      required: [],
      properties: {
        list: { type: "array", items: { type: "object", properties: {} } },
        map: { type: "object", additionalProperties: { type: "object", properties: {}, required: [] } },
        either: { allOf: [{ properties: {} }] },
      },
    });
    assert.deepEqual(out, {
      type: "object",
      properties: {
        list: { type: "array", items: { type: "object" } },
        map: { type: "object", additionalProperties: { type: "object" } },
        either: { allOf: [{}] },
      },
    });
  });

  it("keeps data that is empty on purpose (default: {}) and objects that are not CRDs", function () {
    const schema = { type: "object", default: {}, properties: { a: { type: "string", default: "" } } };
    assert.deepEqual(schemaAsStored(schema), schema);
    const configMap = { kind: "ConfigMap", data: { properties: "{}" } };
    assert.equal(crdAsStored(configMap), configMap);
  });

  it("leaves no empty properties or required member in the Strimzi release's CRDs", function () {
    if (!strimziCrdsAvailable()) {
      console.warn(CRDS_MISSING_MESSAGE);
      this.skip();
    }
    const files = readdirSync(STRIMZI_CRDS_DIR).filter((f) => f.endsWith(".yaml"));
    const before = files.flatMap((f) =>
      emptyMembers(parse(readFileSync(path.join(STRIMZI_CRDS_DIR, f), "utf8"))),
    );
    assert.ok(before.length > 0, "the release has at least one (kafkas: status.clusterSecurity)");
    for (const f of files) {
      const out = crdAsStored(parse(readFileSync(path.join(STRIMZI_CRDS_DIR, f), "utf8")));
      assert.deepEqual(emptyMembers(out), [], f);
    }
  });

  it("rewrites a manifest file the program applies, CRDs as stored and other documents unchanged", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "crds-as-stored-"));
    try {
      const withEmpty = crd({ type: "object", properties: { status: { type: "object", properties: {} } } });
      const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "b" } };
      const file = path.join(dir, "in.yaml");
      writeFileSync(file, `${stringify(withEmpty)}---\n${stringify(configMap)}`);
      const out = crdsAsStoredFile(file, path.join(dir, "cache"));
      const docs = parseAllDocuments(readFileSync(out, "utf8")).map((d) => d.toJS());
      assert.deepEqual(docs, [crdAsStored(withEmpty), configMap]);
      assert.deepEqual(emptyMembers(docs), []);
      assert.equal(crdsAsStoredFile(file, path.join(dir, "cache")), out, "kept by digest");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
