import * as assert from "assert";
import { createHash } from "crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { CrdSourceError, verifiedCrdsFile } from "../../../components/strimzi-crds-file";

const MANIFEST =
  "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: kafkas.kafka.strimzi.io }\n";
const SHA = createHash("sha256").update(MANIFEST).digest("hex");
const URL = "https://mirror.bank.internal/strimzi/strimzi-crds-1.2.0.yaml";

describe("strimzi: the CRD manifest, verified before use", () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = path.join(mkdtempSync(path.join(tmpdir(), "kp-crds-")), "cache");
  });

  it("downloads a pinned URL once, keeps it by digest and reuses it", async () => {
    const fetched: string[] = [];
    const download = async (url: string) => (fetched.push(url), Buffer.from(MANIFEST));
    const file = await verifiedCrdsFile({ url: URL, sha256: SHA }, { cacheDir, download });
    assert.strictEqual(readFileSync(file, "utf8"), MANIFEST);
    assert.strictEqual(path.basename(file), `strimzi-crds-${SHA}.yaml`);
    assert.strictEqual(await verifiedCrdsFile({ url: URL, sha256: SHA }, { cacheDir, download }), file);
    assert.deepStrictEqual(fetched, [URL]);
  });

  it("replaces a cached file whose digest no longer matches", async () => {
    const file = await verifiedCrdsFile(
      { url: URL, sha256: SHA },
      { cacheDir, download: async () => Buffer.from(MANIFEST) },
    );
    writeFileSync(file, "tampered");
    const again = await verifiedCrdsFile(
      { url: URL, sha256: SHA },
      { cacheDir, download: async () => Buffer.from(MANIFEST) },
    );
    assert.strictEqual(readFileSync(again, "utf8"), MANIFEST);
  });

  it("refuses a download whose digest differs from the pin and keeps nothing", async () => {
    const download = async () => Buffer.from(MANIFEST.replace("kafkas", "kafkaz"));
    await assert.rejects(
      verifiedCrdsFile({ url: URL, sha256: SHA }, { cacheDir, download }),
      (e: unknown) => {
        assert.ok(e instanceof CrdSourceError);
        assert.strictEqual(e.field, "sha256");
        assert.match(e.message, new RegExp(`not the pinned ${SHA}; nothing was applied`));
        return true;
      },
    );
    assert.ok(!existsSync(cacheDir) || readdirSync(cacheDir).length === 0);
  });

  it("reports a failed download on the url field", async () => {
    const download = async () => {
      throw new Error("getaddrinfo ENOTFOUND mirror.bank.internal");
    };
    await assert.rejects(
      verifiedCrdsFile({ url: URL, sha256: SHA }, { cacheDir, download }),
      (e: unknown) => {
        assert.ok(e instanceof CrdSourceError);
        assert.deepStrictEqual(
          [e.field, e.message],
          ["url", "download failed: getaddrinfo ENOTFOUND mirror.bank.internal"],
        );
        return true;
      },
    );
  });

  it("joins a directory's YAML files in name order into one manifest; a file is used as it is", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-crd-dir-"));
    writeFileSync(path.join(dir, "041-Crd-kafkaconnect.yaml"), "kind: B\n");
    writeFileSync(path.join(dir, "040-Crd-kafka.yaml"), "kind: A");
    writeFileSync(path.join(dir, "README.md"), "not a manifest");
    const joined = await verifiedCrdsFile({ path: dir }, { cacheDir });
    assert.strictEqual(readFileSync(joined, "utf8"), "kind: A\n---\nkind: B\n");
    const single = path.join(dir, "040-Crd-kafka.yaml");
    assert.strictEqual(await verifiedCrdsFile({ path: single }, { cacheDir }), single);
  });
});
