/**
 * Starts real Apache Kafka (KRaft) on 127.0.0.1 for tests: one or more combined broker+controller
 * processes (or brokers plus dedicated controllers), secured like the platform's clusters:
 *
 * - client/inter-broker listener with SCRAM-SHA-512 only: `SASL_SSL` with `tls: true` (a CA and a
 *   certificate for 127.0.0.1 generated per cluster), else `SASL_PLAINTEXT`;
 * - controller listener `SASL_PLAINTEXT` with PLAIN (KRaft cannot use SCRAM there: the credentials
 *   live in the metadata log the controllers serve), user `admin` only;
 * - `StandardAuthorizer`, `super.users=User:admin`, `allow.everyone.if.no.acl.found=false`, so
 *   nobody but the admin can do anything until ACLs say so;
 * - the admin's SCRAM credential is bootstrapped at storage format time (`kafka-storage format
 *   --add-scram`), as Strimzi does for its own users.
 *
 * Each node is a `java kafka.Kafka server.properties` child process. Nodes can be SIGKILLed and
 * restarted on the same data directory (fault drills). Every process is killed and every data
 * directory removed by `stop()`, and also when the Node.js process exits.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { ensureKafkaLibs } from "./install";
import { generateTestTls, type TestTls } from "./tls";

/** Options of {@link startKafkaCluster}. */
export interface KafkaClusterOptions {
  /** Number of combined broker+controller nodes; they form the controller quorum (default 1; use an odd number). */
  nodes?: number;
  /**
   * Dedicated KRaft controllers (default 0). With controllers, the `nodes` are brokers only (ids
   * 1…n) and the controllers (ids 101…) form the quorum, so brokers can be lost without losing it
   * (fault drills: two of three brokers down still leaves a controller to shrink the ISR).
   */
  controllers?: number;
  /** Extra or overriding `server.properties` entries for every node (e.g. `{"min.insync.replicas": 2}`). */
  brokerConfig?: Record<string, string | number | boolean>;
  /** How long to wait for each node to report "Kafka Server started" (default 90 s). */
  startTimeoutMs?: number;
  /** Java heap per node in MiB (default 512). */
  heapMb?: number;
  /** TLS on the client listener (SASL_SSL) with a CA generated for this cluster (default false; needs `openssl`). */
  tls?: boolean;
}

/** One broker+controller process. */
export interface KafkaNode {
  /** `node.id`: brokers and combined nodes 1-based, dedicated controllers from 101. */
  readonly id: number;
  /** `process.roles` of the node. */
  readonly roles: readonly ("broker" | "controller")[];
  /** Port of the SCRAM-SHA-512 client listener on 127.0.0.1 (0 on a dedicated controller). */
  readonly port: number;
  /** Port of the controller listener on 127.0.0.1. */
  readonly controllerPort: number;
  /** The node's directory (server.properties, server.log, data/). */
  readonly dir: string;
  /** Whether the process is running. */
  readonly running: boolean;
}

/** A started cluster. Always call `stop()` (in an `after` hook). */
export interface KafkaCluster {
  /** `host:port` of every node's client listener. */
  readonly bootstrapServers: string[];
  /** `SASL_SSL` (with `tls: true`) or `SASL_PLAINTEXT`: the client listener's security protocol. */
  readonly securityProtocol: "SASL_SSL" | "SASL_PLAINTEXT";
  /** With TLS: the PEM certificate of the CA that signed the brokers' certificate (what clients trust). */
  readonly caCertPem?: string;
  /** The super user's SCRAM-SHA-512 credentials (`admin`, random password). */
  readonly admin: { readonly username: string; readonly password: string };
  readonly clusterId: string;
  readonly nodes: readonly KafkaNode[];
  /** Kills one node with SIGKILL (no clean shutdown) and waits for the process to be gone. */
  kill(nodeId: number): Promise<void>;
  /** Starts a stopped or killed node again on its data directory and waits until it is ready. */
  restart(nodeId: number): Promise<void>;
  /** Freezes a running node with SIGSTOP (it keeps its sockets but answers nothing) until `resume`. */
  pause(nodeId: number): void;
  /** Lets a paused node run again (SIGCONT). */
  resume(nodeId: number): void;
  /** Stops every node (SIGTERM, then SIGKILL after a grace period) and removes the data directories. */
  stop(): Promise<void>;
}

const READY_LINE = "Kafka Server started";
const ADMIN = "admin";
const LOG4J = path.join(__dirname, "log4j2.properties");

/** Every process any cluster started and not yet reaped, killed when Node.js exits. */
const liveProcesses = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const cleanUp = (): void => {
    for (const child of liveProcesses) child.kill("SIGKILL");
    for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", cleanUp);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      cleanUp();
      process.kill(process.pid, signal);
    });
  }
}

/** A port that was free a moment ago (the OS picks it; the broker binds it right after). */
/** Ports handed out in this process: the OS may offer a just-closed port again. */
const portsInUse = new Set<number>();

/** A free loopback port not handed out before in this process. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!portsInUse.has(port)) {
      portsInUse.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A Kafka cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints). */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function jaasEscape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

interface NodeState {
  id: number;
  roles: ("broker" | "controller")[];
  port: number;
  controllerPort: number;
  dir: string;
  child?: ChildProcess;
}

function serverProperties(
  node: NodeState,
  all: NodeState[],
  adminPassword: string,
  tls: TestTls | undefined,
  overrides: Record<string, string | number | boolean>,
): string {
  const password = jaasEscape(adminPassword);
  const client = tls ? "SASL_SSL" : "SASL_PLAINTEXT";
  const clientListener = client.toLowerCase();
  const tlsConfig = tls
    ? {
        [`listener.name.${clientListener}.ssl.keystore.type`]: "PEM",
        [`listener.name.${clientListener}.ssl.keystore.location`]: tls.keystoreFile,
        [`listener.name.${clientListener}.ssl.truststore.type`]: "PEM",
        [`listener.name.${clientListener}.ssl.truststore.location`]: tls.caFile,
      }
    : {};
  const replication = Math.min(3, all.filter((n) => n.roles.includes("broker")).length);
  const isBroker = node.roles.includes("broker");
  const isController = node.roles.includes("controller");
  const listeners = [
    ...(isBroker ? [`${client}://127.0.0.1:${node.port}`] : []),
    ...(isController ? [`CONTROLLER://127.0.0.1:${node.controllerPort}`] : []),
  ];
  const config: Record<string, string | number | boolean> = {
    "process.roles": node.roles.join(","),
    "node.id": node.id,
    "controller.quorum.voters": all
      .filter((n) => n.roles.includes("controller"))
      .map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`)
      .join(","),
    listeners: listeners.join(","),
    ...(isBroker ? { "advertised.listeners": `${client}://127.0.0.1:${node.port}` } : {}),
    "listener.security.protocol.map": `${client}:${client},CONTROLLER:SASL_PLAINTEXT`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": client,
    "sasl.enabled.mechanisms": "SCRAM-SHA-512",
    "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
    ...tlsConfig,
    [`listener.name.${clientListener}.scram-sha-512.sasl.jaas.config`]: `org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN}" password="${password}";`,
    "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
    "sasl.mechanism.controller.protocol": "PLAIN",
    "listener.name.controller.plain.sasl.jaas.config": `org.apache.kafka.common.security.plain.PlainLoginModule required username="${ADMIN}" password="${password}" user_${ADMIN}="${password}";`,
    "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    "super.users": `User:${ADMIN}`,
    "allow.everyone.if.no.acl.found": false,
    "log.dirs": path.join(node.dir, "data"),
    "num.partitions": 1,
    "default.replication.factor": replication,
    "offsets.topic.replication.factor": replication,
    "offsets.topic.num.partitions": 3,
    "transaction.state.log.replication.factor": replication,
    "transaction.state.log.min.isr": Math.min(2, replication),
    "transaction.state.log.num.partitions": 3,
    // Share groups (share.version=1 is on for clusters formatted at 4.2 or newer, as here).
    "share.coordinator.state.topic.replication.factor": replication,
    "share.coordinator.state.topic.min.isr": Math.min(2, replication),
    "share.coordinator.state.topic.num.partitions": 3,
    "min.insync.replicas": Math.min(2, replication),
    "group.initial.rebalance.delay.ms": 0,
    ...overrides,
  };
  return Object.entries(config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join("\n");
}

function java(libs: string, heapMb: number, mainClass: string, args: string[]): [string, string[]] {
  return [
    "java",
    [
      `-Xmx${heapMb}m`,
      `-Xms${Math.min(128, heapMb)}m`,
      // C1 only: these JVMs live for seconds to minutes, where startup time matters more than peak speed.
      "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC",
      "-Djava.awt.headless=true",
      `-Dlog4j2.configurationFile=${LOG4J}`,
      "-cp",
      path.join(libs, "*"),
      mainClass,
      ...args,
    ],
  ];
}

/** Starts a node's process and resolves once it logs readiness; rejects (with its last log lines) if it exits first. */
function launch(node: NodeState, libs: string, heapMb: number, timeoutMs: number): Promise<void> {
  const [command, args] = java(libs, heapMb, "kafka.Kafka", [path.join(node.dir, "server.properties")]);
  const log = fs.createWriteStream(path.join(node.dir, "server.log"), { flags: "a" });
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  node.child = child;
  liveProcesses.add(child);
  let tail = "";
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(new Error(`Kafka node ${node.id} not ready after ${timeoutMs} ms; log tail:\n${tail}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      log.write(chunk);
      // Look before trimming: a restarted controller logs the ready line and then replays its metadata
      // log in the same chunk, which pushed the line out of a trimmed tail (a 90 s timeout in the drill).
      const text = tail + chunk.toString("utf8");
      if (text.includes(READY_LINE)) settle();
      tail = text.slice(-4000);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code, signal) => {
      liveProcesses.delete(child);
      log.end();
      settle(
        new Error(`Kafka node ${node.id} exited (${signal ?? code}) before it was ready; log tail:\n${tail}`),
      );
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts a KRaft cluster of `options.nodes` combined broker+controller nodes on 127.0.0.1. */
export async function startKafkaCluster(options: KafkaClusterOptions = {}): Promise<KafkaCluster> {
  const count = options.nodes ?? 1;
  const controllerCount = options.controllers ?? 0;
  const heapMb = options.heapMb ?? 512;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const libs = ensureKafkaLibs();
  installExitHooks();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kafka-test-"));
  liveDirs.add(root);
  const adminPassword = randomBytes(18).toString("base64url");
  const tls = options.tls ? generateTestTls(path.join(root, "tls")) : undefined;
  const clusterId = randomClusterId();
  const nodes: NodeState[] = [];
  for (let id = 1; id <= count; id++) {
    nodes.push({
      id,
      roles: controllerCount > 0 ? ["broker"] : ["broker", "controller"],
      port: await freePort(),
      controllerPort: controllerCount > 0 ? 0 : await freePort(),
      dir: path.join(root, `node-${id}`),
    });
  }
  for (let id = 101; id <= 100 + controllerCount; id++) {
    nodes.push({
      id,
      roles: ["controller"],
      port: 0,
      controllerPort: await freePort(),
      dir: path.join(root, `node-${id}`),
    });
  }

  const stop = async (): Promise<void> => {
    const children = nodes.map((n) => n.child).filter((c): c is ChildProcess => c !== undefined);
    for (const child of children) {
      child.kill("SIGCONT"); // a paused node would not act on SIGTERM
      child.kill("SIGTERM");
    }
    await Promise.all(
      children.map(async (child) => {
        if (!(await waitForExit(child, 15_000))) {
          child.kill("SIGKILL");
          await waitForExit(child, 5_000);
        }
      }),
    );
    fs.rmSync(root, { recursive: true, force: true });
    liveDirs.delete(root);
  };

  try {
    for (const node of nodes) {
      fs.mkdirSync(node.dir, { recursive: true });
      const properties = path.join(node.dir, "server.properties");
      fs.writeFileSync(
        properties,
        serverProperties(node, nodes, adminPassword, tls, options.brokerConfig ?? {}),
      );
      const [command, args] = java(libs, 256, "kafka.tools.StorageTool", [
        "format",
        "--cluster-id",
        clusterId,
        "--config",
        properties,
        "--add-scram",
        `SCRAM-SHA-512=[name=${ADMIN},password=${adminPassword}]`,
      ]);
      // One retry: on a loaded machine the tool has failed once without a reproducible cause.
      let format = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
      if (format.status !== 0) format = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
      // The format output echoes the credential record; keep it in the node's directory only.
      fs.writeFileSync(path.join(node.dir, "format.log"), `${format.stdout}\n${format.stderr}`);
      if (format.status !== 0) {
        const reason = `${format.stdout}\n${format.stderr}`
          .split(adminPassword)
          .join("[secret]")
          .trim()
          .split("\n")
          .slice(-5)
          .join("\n");
        throw new Error(
          `kafka-storage format of node ${node.id} failed (${format.status ?? format.signal}):\n${reason}`,
        );
      }
    }
    // All nodes start together: a multi-node quorum elects a leader only once a majority runs.
    await Promise.all(nodes.map((node) => launch(node, libs, heapMb, timeoutMs)));
  } catch (error) {
    await stop();
    throw error;
  }

  const find = (nodeId: number): NodeState => {
    const node = nodes.find((n) => n.id === nodeId);
    if (!node) throw new Error(`no Kafka node ${nodeId} (nodes: ${nodes.map((n) => n.id).join(", ")})`);
    return node;
  };
  const isRunning = (node: NodeState): boolean =>
    node.child !== undefined && node.child.exitCode === null && node.child.signalCode === null;

  return {
    bootstrapServers: nodes.filter((n) => n.roles.includes("broker")).map((n) => `127.0.0.1:${n.port}`),
    securityProtocol: tls ? "SASL_SSL" : "SASL_PLAINTEXT",
    ...(tls ? { caCertPem: tls.caCertPem } : {}),
    admin: { username: ADMIN, password: adminPassword },
    clusterId,
    nodes: nodes.map((node) => ({
      id: node.id,
      roles: node.roles,
      port: node.port,
      controllerPort: node.controllerPort,
      dir: node.dir,
      get running() {
        return isRunning(node);
      },
    })),
    async kill(nodeId) {
      const node = find(nodeId);
      if (!node.child || !isRunning(node)) return;
      node.child.kill("SIGKILL");
      await waitForExit(node.child, 10_000);
    },
    async restart(nodeId) {
      const node = find(nodeId);
      if (isRunning(node)) throw new Error(`Kafka node ${nodeId} is still running; kill it first`);
      await launch(node, libs, heapMb, timeoutMs);
    },
    pause(nodeId) {
      const node = find(nodeId);
      if (!isRunning(node)) throw new Error(`Kafka node ${nodeId} is not running`);
      node.child!.kill("SIGSTOP");
    },
    resume(nodeId) {
      const node = find(nodeId);
      if (isRunning(node)) node.child!.kill("SIGCONT");
    },
    stop,
  };
}
