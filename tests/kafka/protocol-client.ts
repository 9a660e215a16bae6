/**
 * Runs clients/ProtocolClient.java (Apache Kafka's Java clients: KafkaShareConsumer, KafkaConsumer on
 * group.protocol=consumer, Kafka Streams on group.protocol=streams) as a principal and returns its
 * one JSON line. Compiled once per process against the tier's Kafka jars, like the fault drill's client.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { credentialsProperties } from "../faults/drill-client";
import { ensureKafkaLibs, type KafkaCluster, type ScramCredentials } from "./broker";

const SOURCE = path.join(__dirname, "clients", "ProtocolClient.java");
const LOG4J = path.join(__dirname, "..", "faults", "client", "log4j2.properties");

let compiled: string | undefined;

function classPath(): string {
  const libs = ensureKafkaLibs();
  if (!compiled) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "protocol-client-"));
    const javac = spawnSync("javac", ["-cp", path.join(libs, "*"), "-d", out, SOURCE], { encoding: "utf8" });
    if (javac.status !== 0)
      throw new Error(`javac ProtocolClient.java failed:\n${javac.stdout}${javac.stderr}`);
    compiled = out;
  }
  return `${compiled}${path.delimiter}${path.join(libs, "*")}`;
}

/** What the client reported: success, or the broker's error code (`GROUP_AUTHORIZATION_FAILED`, …) or `timeout`. */
export type ProtocolResult =
  { ok: true; [field: string]: unknown } | { ok: false; error: string; message: string };

export type ProtocolMode = "share" | "consume" | "streams" | "group-configs";

/** Runs one mode as `credentials` (SASL_PLAINTEXT + SCRAM-SHA-512 to the test cluster). */
export async function runProtocolClient(
  cluster: KafkaCluster,
  credentials: ScramCredentials,
  mode: ProtocolMode,
  options: Record<string, string | number>,
): Promise<ProtocolResult> {
  const config = credentialsProperties(cluster, credentials.username, credentials.password);
  const args = ["-Xmx256m", "-XX:TieredStopAtLevel=1", `-Dlog4j2.configurationFile=${LOG4J}`];
  args.push("-cp", classPath(), "ProtocolClient", mode, "--config", config);
  for (const [k, v] of Object.entries(options)) args.push(`--${k}`, String(v));
  const timeoutMs = Number(options["timeout-ms"] ?? 30_000) + 60_000;
  const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString("utf8")).slice(-4000)));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  fs.rmSync(path.dirname(config), { recursive: true, force: true });
  const line = stdout.split("\n").find((l) => l.startsWith("{"));
  if (code !== 0 || !line)
    throw new Error(`ProtocolClient ${mode} exited with ${code}:\n${stdout}\n${stderr}`);
  return JSON.parse(line) as ProtocolResult;
}
