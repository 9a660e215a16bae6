import { readFileSync } from "fs";
import { homedir } from "os";
import * as path from "path";
import { CONFIG_NAMESPACE } from "../config/schema";
import type { ConfigSource } from "../config/load";
import type { ExistingClusterConfig } from "../config/cluster";
import { UserError } from "../errors";
import { locate } from "../validation/yaml-source";
import { KubeconfigError, selectContext } from "./kubeconfig";

/** Where relative and `~` paths in the config point. */
export interface PathContext {
  /** The user's home directory (default: `os.homedir()`). */
  home?: string;
  /** Directory relative paths are resolved against (the project root). */
  projectRoot: string;
}

/** `~` and `~/x` → the home directory; relative paths → under the project root. */
export function resolveUserPath(p: string, ctx: PathContext): string {
  const home = ctx.home ?? homedir();
  const expanded = p === "~" ? home : p.startsWith("~/") ? path.join(home, p.slice(2)) : p;
  return path.resolve(ctx.projectRoot, expanded);
}

/** What the program needs from an existing cluster's kubeconfig. */
export interface ExistingClusterAccess {
  /** Absolute path of the kubeconfig file. */
  file: string;
  /** The file reduced to the chosen context (its cluster and user), that context current. */
  kubeconfig: string;
  context: string;
  /** Name of the context's cluster entry. */
  cluster: string;
  /** API server URL. */
  server: string;
}

/**
 * Reads the kubeconfig of `existing` mode and picks the context. Throws a UserError located at
 * the offending config key when the file is missing or unreadable or has no such context.
 */
export function readExistingCluster(
  config: ExistingClusterConfig,
  source: ConfigSource,
  ctx: PathContext,
): ExistingClusterAccess {
  const file = resolveUserPath(config.kubeconfig, ctx);
  const fail = (key: "kubeconfig" | "context", message: string): never => {
    const sourcePath = ["config", `${CONFIG_NAMESPACE}:cluster`, "existing", key];
    const at = source.yaml ? locate(source.yaml, sourcePath) : undefined;
    throw new UserError(
      [{ file: source.file, ...at, path: `${CONFIG_NAMESPACE}:cluster.existing.${key}`, message }],
      `Invalid stack configuration in ${source.file}:`,
    );
  };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      "kubeconfig",
      code === "ENOENT"
        ? `no kubeconfig file at ${file}; create the cluster first (e.g. \`kind create cluster\`) or fix the path`
        : `cannot read ${file}: ${code ?? (e as Error).message}`,
    );
  }
  try {
    return { file, ...selectContext(text, config.context, path.dirname(file)) };
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e;
    return fail(
      config.context !== undefined && /context/.test(e.message) ? "context" : "kubeconfig",
      `${file} ${e.message}`,
    );
  }
}
