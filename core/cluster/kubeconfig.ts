import { isAbsolute, resolve } from "path";
import { parse as parseYaml, stringify } from "yaml";

/**
 * Kubeconfig files as the clients read them (pure: no Pulumi, no file system). Every builder
 * returns a single-context kubeconfig whose current context is that one context.
 */

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The parts of a kubeconfig file the platform reads and writes. */
export interface Kubeconfig {
  apiVersion: "v1";
  kind: "Config";
  clusters: { name: string; cluster: Record<string, unknown> & { server: string } }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  "current-context": string;
  preferences?: Record<string, unknown>;
}

function singleContext(
  name: string,
  cluster: Kubeconfig["clusters"][0]["cluster"],
  user: Record<string, unknown>,
) {
  const config: Kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  };
  return stringify(config, { lineWidth: 0 });
}

/** The kubeconfig gcloud writes for a GKE cluster: short-lived tokens from `gke-gcloud-auth-plugin`. */
export function gkeKubeconfig(args: {
  /** Context name, `gke_<project>_<location>_<cluster>` as gcloud names it. */
  contextName: string;
  /** Control plane endpoint (IP or host, without scheme). */
  endpoint: string;
  /** `masterAuth.clusterCaCertificate` (already base64). */
  caCertificateBase64: string;
}): string {
  return singleContext(
    args.contextName,
    { server: `https://${args.endpoint}`, "certificate-authority-data": args.caCertificateBase64 },
    {
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "gke-gcloud-auth-plugin",
        installHint:
          "Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin",
        provideClusterInfo: true,
        interactiveMode: "IfAvailable",
      },
    },
  );
}

/** A kubeconfig that authenticates with a client certificate (K3s admin). */
export function clientCertificateKubeconfig(args: {
  contextName: string;
  /** API server URL, e.g. `https://203.0.113.7:6443`. */
  server: string;
  /** PEM of the CA that signed the API server's serving certificate. */
  caCertPem: string;
  /** PEM of the client certificate and its private key. */
  clientCertPem: string;
  clientKeyPem: string;
}): string {
  return singleContext(
    args.contextName,
    { server: args.server, "certificate-authority-data": base64(args.caCertPem) },
    { "client-certificate-data": base64(args.clientCertPem), "client-key-data": base64(args.clientKeyPem) },
  );
}

/** Why a kubeconfig file cannot be used. */
export class KubeconfigError extends Error {}

/**
 * The parts of a kubeconfig file that one context needs (its cluster and user), with that
 * context current; the default context is the file's current context.
 */
export function selectContext(
  text: string,
  context?: string,
  /** Directory of the file, against which relative certificate and token paths are resolved. */
  baseDir?: string,
): { kubeconfig: string; context: string; cluster: string; server: string } {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new KubeconfigError(`is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (!doc || typeof doc !== "object") throw new KubeconfigError("is not a kubeconfig file (no contexts)");
  const config = doc as Partial<Kubeconfig>;
  const contexts = config.contexts ?? [];
  const wanted = context ?? config["current-context"];
  if (!wanted)
    throw new KubeconfigError(
      `has no current context; set kafka-platform:cluster.existing.context to one of: ${names(contexts)}`,
    );
  const ctx = contexts.find((c) => c?.name === wanted);
  if (!ctx?.context) throw new KubeconfigError(`has no context "${wanted}"; contexts: ${names(contexts)}`);
  const cluster = (config.clusters ?? []).find((c) => c?.name === ctx.context.cluster);
  if (!cluster?.cluster?.server)
    throw new KubeconfigError(
      `context "${wanted}" names cluster "${ctx.context.cluster}", which has no server`,
    );
  const user = (config.users ?? []).find((u) => u?.name === ctx.context.user);
  if (baseDir) {
    absolutePaths(cluster.cluster, ["certificate-authority"], baseDir);
    if (user?.user) absolutePaths(user.user, ["client-certificate", "client-key", "tokenFile"], baseDir);
  }
  const minified: Kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [ctx],
    "current-context": wanted,
  };
  return {
    kubeconfig: stringify(minified, { lineWidth: 0 }),
    context: wanted,
    cluster: ctx.context.cluster,
    server: cluster.cluster.server,
  };
}

/** Kubeconfig paths are relative to the file; the contents travel without it, so make them absolute. */
function absolutePaths(section: Record<string, unknown>, keys: string[], baseDir: string): void {
  for (const key of keys) {
    const value = section[key];
    if (typeof value === "string" && value !== "" && !isAbsolute(value))
      section[key] = resolve(baseDir, value);
  }
}

function names(items: readonly { name?: string }[]): string {
  return items.length ? items.map((i) => i?.name).join(", ") : "(none)";
}
