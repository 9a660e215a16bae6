import { createHash } from "crypto";
import type { K3sClusterConfig } from "../config/cluster";

/**
 * K3s on GCE (pure parts): the CA files K3s reads on first start, the bundle they travel in, the
 * join token and the VMs' startup scripts.
 */

/** APIs the VMs, their service accounts and secrets need enabled in the project. */
export const K3S_APIS = [
  "compute.googleapis.com",
  "iam.googleapis.com",
  "secretmanager.googleapis.com",
] as const;

/** Where K3s looks for pre-provisioned CAs (it generates none when these exist at first start). */
export const K3S_TLS_DIR = "/var/lib/rancher/k3s/server/tls";

/** The CAs K3s needs, by file stem under {@link K3S_TLS_DIR}; etcd's are required even without etcd. */
export const K3S_CAS = [
  "server-ca",
  "client-ca",
  "request-header-ca",
  "etcd/peer-ca",
  "etcd/server-ca",
] as const;
export type K3sCa = (typeof K3S_CAS)[number];

/** The service-account token signing key (a key without a certificate). */
export const K3S_SERVICE_KEY = "service.key";

/** Every file of the pre-provisioned PKI, relative to {@link K3S_TLS_DIR}. */
export function k3sPkiFiles(): string[] {
  return [...K3S_CAS.flatMap((ca) => [`${ca}.crt`, `${ca}.key`]), K3S_SERVICE_KEY];
}

/** CA certificate validity: K3s' own default (ten years); CAs are never renewed by the program. */
export const K3S_CA_VALIDITY_HOURS = 87600;

/** Subject of the admin client certificate; `system:masters` makes it cluster-admin. */
export const K3S_ADMIN_SUBJECT = {
  commonName: "kafka-platform-admin",
  organization: "system:masters",
} as const;

/** The K3s API server port. */
export const K3S_API_PORT = 6443;

/** Renew the admin certificate in the last quarter of its validity (on the next `pulumi up`). */
export function adminCertEarlyRenewalHours(validityHours: number): number {
  return Math.floor(validityHours / 4);
}

/**
 * The PKI as one text (one line per file: `<relative path> <base64 content>`), so it fits one
 * Secret Manager secret and the startup script can write it with `read` and `base64 -d` alone.
 */
export function pkiBundle(files: Record<string, string>): string {
  const expected = k3sPkiFiles();
  const missing = expected.filter((f) => !(f in files));
  const extra = Object.keys(files).filter((f) => !expected.includes(f));
  if (missing.length || extra.length)
    throw new Error(
      `PKI bundle: missing ${missing.join(", ") || "-"}; unexpected ${extra.join(", ") || "-"}`,
    );
  return expected.map((f) => `${f} ${Buffer.from(files[f], "utf8").toString("base64")}\n`).join("");
}

/** Reads a bundle back (for tests and tooling). */
export function parsePkiBundle(bundle: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of bundle.split("\n").filter(Boolean)) {
    const [file, content] = line.split(" ");
    out[file] = Buffer.from(content, "base64").toString("utf8");
  }
  return out;
}

/**
 * SHA-256 (hex) of the server CA file: the `<hash>` of a secure `K10<hash>::server:<secret>` token.
 * For a bundle of one certificate (ours: a self-signed server CA), K3s hashes the file's literal
 * bytes as `/cacerts` serves them, so this must be the exact PEM written to `server-ca.crt`.
 */
export function k3sCaHash(serverCaPem: string): string {
  return createHash("sha256").update(serverCaPem, "utf8").digest("hex");
}

/** URL of the install script of exactly this release (not the moving get.k3s.io). */
export function k3sInstallScriptUrl(version: string): string {
  return `https://raw.githubusercontent.com/k3s-io/k3s/${encodeURIComponent(version)}/install.sh`;
}

interface ScriptCommon {
  version: K3sClusterConfig["version"];
  project: string;
  /** Secret Manager secret ID holding the join token secret. */
  tokenSecret: string;
}

/** Single-quotes a value for bash. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Strict mode, and `secret <id>`: a Secret Manager read with the VM's service account, retried while IAM propagates. */
function prologue(role: string, project: string): string {
  return [
    "#!/bin/bash",
    `# kafka-platform: K3s ${role} bootstrap. GCE runs this on every boot; every step is idempotent.`,
    "set -euo pipefail",
    `PROJECT=${shellQuote(project)}`,
    "secret() {",
    "  for _ in $(seq 1 60); do",
    '    gcloud secrets versions access latest --project="$PROJECT" --secret="$1" && return 0',
    "    sleep 10",
    "  done",
    '  echo "cannot read secret $1" >&2; return 1',
    "}",
  ].join("\n");
}

/** Installs the pinned release unless it is already installed (the install script starts the service). */
function install(version: string, exec: "server" | "agent"): string {
  return [
    `if [ "$(/usr/local/bin/k3s --version 2>/dev/null | head -n1 | awk '{print $3}')" != ${shellQuote(version)} ]; then`,
    `  curl -sfL ${shellQuote(k3sInstallScriptUrl(version))} | INSTALL_K3S_VERSION=${shellQuote(version)} INSTALL_K3S_EXEC=${exec} sh -`,
    "fi",
  ].join("\n");
}

/** Writes /etc/rancher/k3s/config.yaml (owner-only: it holds the token) from a bash here-document body. */
function writeConfig(lines: string[]): string {
  return [
    "install -d -m 0700 /etc/rancher/k3s",
    "(umask 077; cat > /etc/rancher/k3s/config.yaml <<K3S_CONFIG",
    ...lines,
    "K3S_CONFIG",
    ")",
  ].join("\n");
}

/**
 * The server's startup script: writes the pre-generated PKI into K3s' TLS directory before K3s
 * first starts (never over an existing one), writes the config, installs the pinned release.
 */
export function k3sServerStartupScript(
  args: ScriptCommon & {
    /** Secret Manager secret ID holding the {@link pkiBundle}. */
    pkiSecret: string;
    /** The static external IP: API server certificate SAN and advertised node address. */
    externalIp: string;
    nodeName: string;
  },
): string {
  return [
    prologue("server", args.project),
    `TLS_DIR=${K3S_TLS_DIR}`,
    'if [ ! -f "$TLS_DIR/server-ca.crt" ]; then',
    '  install -d -m 0700 "$TLS_DIR" "$TLS_DIR/etcd"',
    `  PKI=$(secret ${shellQuote(args.pkiSecret)})`,
    "  while read -r file content; do",
    '    (umask 077; printf "%s" "$content" | base64 -d > "$TLS_DIR/$file")',
    '  done <<< "$PKI"',
    "fi",
    `for f in ${k3sPkiFiles().join(" ")}; do`,
    '  [ -s "$TLS_DIR/$f" ] || { echo "missing $TLS_DIR/$f; not starting K3s with CAs of its own" >&2; exit 1; }',
    "done",
    `TOKEN=$(secret ${shellQuote(args.tokenSecret)})`,
    writeConfig([
      'token: "$TOKEN"',
      `node-name: ${args.nodeName}`,
      "tls-san:",
      `  - ${args.externalIp}`,
      `node-external-ip: ${args.externalIp}`,
      'write-kubeconfig-mode: "0600"',
      "secrets-encryption: true",
    ]),
    install(args.version, "server"),
    "systemctl enable --now k3s",
    "",
  ].join("\n");
}

/** An agent's startup script: joins the server with the secure token, installs the pinned release. */
export function k3sAgentStartupScript(
  args: ScriptCommon & {
    /** The server's internal IP. */
    serverIp: string;
    /** {@link k3sCaHash} of the server CA. */
    serverCaHash: string;
    nodeName: string;
  },
): string {
  return [
    prologue("agent", args.project),
    `TOKEN=$(secret ${shellQuote(args.tokenSecret)})`,
    writeConfig([
      `server: https://${args.serverIp}:${K3S_API_PORT}`,
      `token: "K10${args.serverCaHash}::server:$TOKEN"`,
      `node-name: ${args.nodeName}`,
    ]),
    install(args.version, "agent"),
    "systemctl enable --now k3s-agent",
    "",
  ].join("\n");
}
