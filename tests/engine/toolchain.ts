/**
 * Where the engine tier's binaries are: tests/engine/modules/build.sh builds them from the Go
 * module proxy into a per-user cache and links them into the clone's gitignored .cache/engine/.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
const LINKS = path.join(ROOT, ".cache", "engine");

/** A binary of the tier (pulumi, etcd, kube-apiserver, kube-controller-manager). */
export function binary(name: string): string {
  const file = path.join(LINKS, "bin", name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run tests/engine/modules/build.sh first`);
  return file;
}

/** The folder holding `pulumi-resource-<name>` for a provider plugin (kubernetes, random, tls). */
export function pluginDir(name: string): string {
  const dir = path.join(LINKS, "plugins", name);
  binary(path.join("..", "plugins", name, `pulumi-resource-${name}`));
  return dir;
}

/** ../shared, read-only reference material (the Strimzi and prometheus-operator CRDs). */
export const SHARED = path.resolve(ROOT, "..", "shared");
