/**
 * Runs the drill's Java client (client/DrillClient.java, Apache Kafka's own client) as a child
 * process and parses its JSON lines. The client is configured from a properties file with the
 * keys of the platform's credentials Secret, which are Kafka client property names.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { ensureKafkaLibs, type KafkaCluster } from "../kafka/broker";
import { type KeyedSeq } from "./durability";

const SOURCE = path.join(__dirname, "client", "DrillClient.java");
const LOG4J = path.join(__dirname, "client", "log4j2.properties");

let compiled: string | undefined;

/** Compiles DrillClient.java once per process against the launcher's Kafka jars; returns the class path. */
export function drillClientClassPath(): string {
  const libs = ensureKafkaLibs();
  if (!compiled) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "drill-client-"));
    const javac = spawnSync("javac", ["-cp", path.join(libs, "*"), "-d", out, SOURCE], { encoding: "utf8" });
    if (javac.status !== 0) throw new Error(`javac DrillClient.java failed:\n${javac.stdout}${javac.stderr}`);
    compiled = out;
  }
  return `${compiled}${path.delimiter}${path.join(libs, "*")}`;
}

/** Writes the credentials Secret's keys (as Kafka client properties) for `username` to a file. */
export function credentialsProperties(cluster: KafkaCluster, username: string, password: string): string {
  const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const secret = {
    "bootstrap.servers": cluster.bootstrapServers.join(","),
    "security.protocol": "SASL_PLAINTEXT", // SASL_SSL in the cluster; the test brokers have no TLS
    "sasl.mechanism": "SCRAM-SHA-512",
    "sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="${escape(username)}" password="${escape(password)}";`,
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "drill-creds-")), `${username}.properties`);
  // java.util.Properties: backslashes in values must be doubled.
  const text = Object.entries(secret)
    .map(([k, v]) => `${k}=${v.replace(/\\/g, "\\\\")}`)
    .join("\n");
  fs.writeFileSync(file, `${text}\n`, { mode: 0o600 });
  return file;
}

type Line = Record<string, unknown>;

/** A running DrillClient: its JSON lines as they arrive, and its end. */
class DrillProcess {
  readonly lines: Line[] = [];
  readonly exited: Promise<number>;
  private stderr = "";
  private readonly child: ChildProcess;

  constructor(mode: string, config: string, options: Record<string, string | number>) {
    const args = ["-Xmx256m", "-XX:TieredStopAtLevel=1", `-Dlog4j2.configurationFile=${LOG4J}`, "-cp"];
    args.push(drillClientClassPath(), "DrillClient", mode, "--config", config);
    for (const [k, v] of Object.entries(options)) args.push(`--${k}`, String(v));
    this.child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      if (line.startsWith("{")) this.lines.push(JSON.parse(line) as Line);
    });
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code ?? -1)));
  }

  /** Resolves when a line with `field` arrived (or rejects when the process ends first). */
  async waitFor(field: string, timeoutMs = 60_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => field in l);
      if (line) return line;
      if (this.child.exitCode !== null)
        throw new Error(`DrillClient ended without "${field}":\n${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`DrillClient: no "${field}" within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the end; fails with the client's stderr if it did not end well. */
  async finish(timeoutMs = 120_000): Promise<void> {
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    if (code !== 0) throw new Error(`DrillClient exited with ${code}:\n${this.stderr}`);
  }

  stop(): void {
    this.child.stdin!.end("stop\n");
  }
}

/** An acknowledged or failed message of the producer. */
export interface Ack extends KeyedSeq {
  partition: number;
  offset: number;
  sentAt: number;
  ackedAt: number;
}
export interface SendError extends KeyedSeq {
  sentAt: number;
  at: number;
  error: string;
  cause: string;
  message: string;
}

export interface ProducerOptions {
  /** Messages per second (default 500). */
  rate?: number;
  keys?: number;
  /** Upper bound of messages (default 100 000). */
  max?: number;
  /** `all`: acks=all with idempotence (prod); `1`: acks=1 without (weakened). */
  acks?: "all" | "1";
  retries?: number;
  deliveryTimeoutMs?: number;
}

let producerRuns = 0;

/** A continuous keyed producer (see DrillClient `produce`). */
export class DrillProducer {
  private readonly process: DrillProcess;
  /** Every key of this producer starts with it (one per producer in a test process). */
  readonly keyPrefix = `run${++producerRuns}-`;

  constructor(config: string, topic: string, options: ProducerOptions = {}) {
    this.process = new DrillProcess("produce", config, {
      topic,
      "key-prefix": this.keyPrefix,
      rate: options.rate ?? 500,
      keys: options.keys ?? 12,
      max: options.max ?? 100_000,
      acks: options.acks ?? "all",
      "delivery-timeout-ms": options.deliveryTimeoutMs ?? 30_000,
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    });
  }

  /** Resolves once the producer is connected and sending. */
  async ready(): Promise<this> {
    await this.process.waitFor("ready");
    return this;
  }

  /** The records of this producer among `records` (a topic holds the records of several runs). */
  own<T extends KeyedSeq>(records: T[]): T[] {
    return records.filter((r) => r.key.startsWith(this.keyPrefix));
  }

  get acks(): Ack[] {
    return this.process.lines.filter((l) => "ack" in l).map((l) => l.ack as Ack);
  }

  get errors(): SendError[] {
    return this.process.lines.filter((l) => "err" in l).map((l) => l.err as SendError);
  }

  /** Waits until `count` more messages were acknowledged than now (or fails after `timeoutMs`). */
  async progress(count: number, timeoutMs = 60_000): Promise<void> {
    const target = this.acks.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acks.length < target) {
      if (Date.now() > deadline)
        throw new Error(`producer: fewer than ${count} acknowledgements in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops sending, waits for every outstanding send to be acknowledged or failed. */
  async stop(): Promise<void> {
    this.process.stop();
    await this.process.finish();
  }

  /** Runs until `max` messages were sent and settled. */
  async finish(): Promise<void> {
    await this.process.finish();
  }
}

/** Reads the whole topic as a member of `group`; returns the `{key, seq}` values in log order per partition. */
export async function consumeAll(
  config: string,
  topic: string,
  group: string,
): Promise<(KeyedSeq & { partition: number })[]> {
  const p = new DrillProcess("consume", config, { topic, group, "timeout-ms": 60_000 });
  await p.finish();
  return p.lines
    .filter((l) => "rec" in l)
    .map((l) => {
      const rec = l.rec as { partition: number; value: KeyedSeq };
      return { key: rec.value.key, seq: rec.value.seq, partition: rec.partition };
    });
}

export interface RateFigures {
  bytesPerSec: number;
  measuredSeconds: number;
  failed: number;
  throttleTimeAvgMs: number;
  throttleTimeMaxMs: number;
}

/** Produces fixed-size records to one partition for `durationMs` (as fast as allowed, or at a target rate). */
export async function measureRate(
  config: string,
  topic: string,
  options: {
    partition?: number;
    recordBytes?: number;
    targetBytesPerSec?: number;
    durationMs: number;
    warmupMs?: number;
  },
): Promise<RateFigures> {
  const p = new DrillProcess("rate", config, {
    topic,
    partition: options.partition ?? 0,
    "record-bytes": options.recordBytes ?? 1024,
    "target-bytes-per-sec": options.targetBytesPerSec ?? 0,
    "duration-ms": options.durationMs,
    "warmup-ms": options.warmupMs ?? 2000,
  });
  await p.finish(options.durationMs + 90_000);
  return (await p.waitFor("done")).done as RateFigures;
}

/** The KRaft quorum's leader and voters, as the Admin API describes them. */
export async function describeQuorum(config: string): Promise<{ leaderId: number; voters: number[] }> {
  const p = new DrillProcess("quorum", config, {});
  await p.finish(60_000);
  return (await p.waitFor("quorum")).quorum as { leaderId: number; voters: number[] };
}
