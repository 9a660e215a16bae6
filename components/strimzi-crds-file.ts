import { createHash } from "crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import { crdFilesIn } from "../core/config/local-sources";
import type { CrdSource } from "../core/strimzi/kafka-operator-chart";

/** A CRD source that cannot be used; `field` is the offending field of `kafka-platform:strimzi.crds`. */
export class CrdSourceError extends Error {
  constructor(
    readonly field: "url" | "sha256" | "path",
    message: string,
  ) {
    super(message);
    this.name = "CrdSourceError";
  }
}

export interface CrdsFileOptions {
  /** Where downloaded and joined manifests are kept, by content digest (e.g. `<project>/.cache/strimzi-crds`). */
  cacheDir: string;
  /** Fetches a URL's bytes (default: HTTPS with a 60-second timeout). */
  download?: (url: string) => Promise<Buffer>;
}

const sha256Of = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

async function httpsDownload(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: "follow" });
  if (!response.ok) throw new CrdSourceError("url", `download failed: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * The one local manifest file the CRD `ConfigFile` reads. A pinned URL is downloaded once, checked
 * against its sha256 and kept in the cache (a mismatch stops the run before anything is applied);
 * a directory's YAML files are joined in name order; a file is used as it is.
 */
export async function verifiedCrdsFile(source: CrdSource, opts: CrdsFileOptions): Promise<string> {
  if ("path" in source) {
    if (!statSync(source.path).isDirectory()) return source.path;
    const joined = crdFilesIn(source.path)
      .map((f) => readFileSync(f, "utf8").replace(/\n*$/, "\n"))
      .join("---\n");
    return cached(opts.cacheDir, `strimzi-crds-${sha256Of(joined)}.yaml`, joined);
  }
  const file = path.join(opts.cacheDir, `strimzi-crds-${source.sha256}.yaml`);
  if (existsSync(file) && sha256Of(readFileSync(file)) === source.sha256) return file;
  let body: Buffer;
  try {
    body = await (opts.download ?? httpsDownload)(source.url);
  } catch (e) {
    if (e instanceof CrdSourceError) throw e;
    throw new CrdSourceError("url", `download failed: ${(e as Error).message}`);
  }
  const actual = sha256Of(body);
  if (actual !== source.sha256) {
    throw new CrdSourceError(
      "sha256",
      `the file at url has sha256 ${actual}, not the pinned ${source.sha256}; nothing was applied (check the mirror, or pin the new digest after reviewing the file)`,
    );
  }
  return cached(opts.cacheDir, path.basename(file), body);
}

/**
 * Writes a cache file atomically (a concurrent run never reads half a file); it replaces a file
 * of the same name, e.g. one whose digest no longer matched.
 */
function cached(dir: string, name: string, content: Buffer | string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, file);
  return file;
}
