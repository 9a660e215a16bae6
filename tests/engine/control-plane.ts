/**
 * A real Kubernetes control plane on 127.0.0.1 for the engine tier: etcd, kube-apiserver (RBAC,
 * client-certificate authentication) and kube-controller-manager (namespace deletion, garbage
 * collection), all built from the Go module proxy by tests/engine/modules/build.sh, with
 * certificates made here by openssl. No kubelet runs: no pod ever starts.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { binary } from "./toolchain";

/** A running control plane. */
export interface ControlPlane {
  /** API server URL, https://127.0.0.1:<port>. */
  server: string;
  /** Path of a kubeconfig with one context, `engine-tier`, as cluster admin. */
  kubeconfig: string;
  /** GET of an API path as cluster admin: the parsed body and the HTTP status. */
  get(apiPath: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A CA, the API server's serving certificate, an admin client certificate, the service-account key. */
function makePki(dir: string): void {
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"];
  ssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=engine-tier-ca");
  const signed = ["-x509", "-CA", "ca.crt", "-CAkey", "ca.key", ...ec];
  ssl(
    "req",
    ...signed,
    "-keyout",
    "apiserver.key",
    "-out",
    "apiserver.crt",
    "-subj",
    "/CN=kube-apiserver",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
  );
  ssl(
    "req",
    ...signed,
    "-keyout",
    "admin.key",
    "-out",
    "admin.crt",
    "-subj",
    "/O=system:masters/CN=engine-tier-admin",
  );
  ssl("genrsa", "-out", "sa.key", "2048");
  ssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
}

function kubeconfigYaml(server: string, dir: string): string {
  const b64 = (f: string) => fs.readFileSync(path.join(dir, f)).toString("base64");
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: engine-tier",
    `    cluster: { server: "${server}", certificate-authority-data: ${b64("ca.crt")} }`,
    "users:",
    "  - name: engine-tier-admin",
    `    user: { client-certificate-data: ${b64("admin.crt")}, client-key-data: ${b64("admin.key")} }`,
    "contexts:",
    "  - name: engine-tier",
    "    context: { cluster: engine-tier, user: engine-tier-admin }",
    "current-context: engine-tier",
    "",
  ].join("\n");
}

/** Starts a process whose output goes to a log file (shown when startup fails). */
function startProcess(name: string, args: string[], dir: string): { child: ChildProcess; log: string } {
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, "w");
  const child = spawn(binary(name), args, { stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return { child, log };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts etcd, kube-apiserver and kube-controller-manager; resolves when the API server is ready. */
export async function startControlPlane(): Promise<ControlPlane> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-tier-"));
  makePki(dir);
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const start = (name: string, args: string[]) => {
    const { child, log } = startProcess(name, args, dir);
    children.push(child);
    logs.push(log);
  };
  const client = `http://127.0.0.1:${etcdClient}`;
  const peer = `http://127.0.0.1:${etcdPeer}`;
  start("etcd", [
    `--data-dir=${path.join(dir, "etcd")}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=default=${peer}`,
    "--log-level=warn",
    "--unsafe-no-fsync", // a throw-away test store
  ]);
  const server = `https://127.0.0.1:${apiPort}`;
  const f = (name: string) => path.join(dir, name);
  // The flags of controller-runtime's envtest, with RBAC and client certificates.
  start("kube-apiserver", [
    `--etcd-servers=${client}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    // The `kubernetes` Service's endpoints may not be a loopback address; nothing in the tier uses them.
    "--endpoint-reconciler-type=none",
    `--secure-port=${apiPort}`,
    `--tls-cert-file=${f("apiserver.crt")}`,
    `--tls-private-key-file=${f("apiserver.key")}`,
    `--client-ca-file=${f("ca.crt")}`,
    "--authorization-mode=RBAC",
    "--allow-privileged=true",
    "--service-cluster-ip-range=10.0.0.0/24",
    "--service-account-issuer=https://kubernetes.default.svc",
    `--service-account-key-file=${f("sa.pub")}`,
    `--service-account-signing-key-file=${f("sa.key")}`,
    "--disable-admission-plugins=ServiceAccount",
  ]);
  const kubeconfig = f("kubeconfig");
  fs.writeFileSync(kubeconfig, kubeconfigYaml(server, dir), { mode: 0o600 });
  const agent = new https.Agent({
    ca: fs.readFileSync(f("ca.crt")),
    cert: fs.readFileSync(f("admin.crt")),
    key: fs.readFileSync(f("admin.key")),
  });
  const get = (apiPath: string) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = https.get(`${server}${apiPath}`, { agent }, (res) => {
        let data = "";
        res.on("data", (c: Buffer) => (data += c.toString()));
        res.on("end", () => {
          let body: unknown = data;
          try {
            body = JSON.parse(data);
          } catch {
            // plain text, as /readyz answers
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on("error", reject);
      req.setTimeout(10_000, () => req.destroy(new Error(`GET ${apiPath}: timed out`)));
    });
  const stop = async () => {
    for (const child of [...children].reverse()) await stopProcess(child);
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      "kube-apiserver /readyz",
      logs,
      children,
      async () => (await get("/readyz")).status === 200,
    );
    start("kube-controller-manager", [
      `--kubeconfig=${kubeconfig}`,
      "--bind-address=127.0.0.1",
      "--secure-port=0",
      "--leader-elect=false",
      `--service-account-private-key-file=${f("sa.key")}`,
      `--root-ca-file=${f("ca.crt")}`,
      // What the tier needs: namespaces that finish deleting, owner-reference cascades, default service accounts.
      "--controllers=namespace-controller,garbage-collector-controller,serviceaccount-controller",
    ]);
    await waitUntil("the default service account", logs, children, async () => {
      return (await get("/api/v1/namespaces/default/serviceaccounts/default")).status === 200;
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { server, kubeconfig, get, stop };
}

/** Polls `ready` every 250 ms for at most 120 s; fails early, with the logs' tails, when a process exits. */
async function waitUntil(
  what: string,
  logs: string[],
  children: ChildProcess[],
  ready: () => Promise<boolean>,
): Promise<void> {
  const tails = () =>
    logs.map((l) => `--- ${path.basename(l)}\n${fs.readFileSync(l, "utf8").slice(-2000)}`).join("\n");
  for (let i = 0; i < 480; i++) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead) throw new Error(`${dead.spawnfile} exited while waiting for ${what}\n${tails()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}\n${tails()}`);
}
