/**
 * Fetches Apache Kafka from Maven Central with Maven (tests/kafka/broker/pom.xml) into
 * tests/kafka/.cache/kafka-<version>/libs, once; later runs reuse the cache (and Maven's own
 * ~/.m2 repository).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const POM = path.join(__dirname, "pom.xml");
const CACHE_DIR = path.resolve(__dirname, "..", ".cache");

/** The Kafka version the pom fetches (its `kafka.version` property). */
export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(POM, "utf8"));
  if (!match) throw new Error(`${POM}: no <kafka.version> property`);
  return match[1];
}

/** Fails with a clear message when a required tool is missing (no stack trace worth reading). */
function requireTool(command: string, versionArg: string, hint: string): void {
  const probe = spawnSync(command, [versionArg], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(`the real-Kafka tests need ${hint}, but \`${command} ${versionArg}\` failed`);
  }
}

/**
 * Returns the directory holding Kafka's jars (the classpath is `<dir>/*`), fetching them first if
 * the cache is missing or was made from a different pom.
 */
export function ensureKafkaLibs(): string {
  const version = kafkaVersion();
  const libs = path.join(CACHE_DIR, `kafka-${version}`, "libs");
  const stamp = path.join(libs, ".pom");
  const pom = fs.readFileSync(POM, "utf8");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === pom) return libs;

  requireTool("java", "-version", "Java 17 or newer (`java` on PATH)");
  requireTool("mvn", "-v", "Apache Maven (`mvn` on PATH) to fetch Kafka from Maven Central");
  fs.rmSync(libs, { recursive: true, force: true });
  fs.mkdirSync(libs, { recursive: true });
  const mvn = spawnSync(
    "mvn",
    [
      "-q",
      "-B",
      "-f",
      POM,
      "dependency:copy-dependencies",
      "-DincludeScope=runtime",
      `-DoutputDirectory=${libs}`,
    ],
    { encoding: "utf8", timeout: 600_000 },
  );
  if (mvn.status !== 0) {
    throw new Error(`fetching Kafka ${version} with Maven failed:\n${mvn.stdout}\n${mvn.stderr}`);
  }
  if (!fs.readdirSync(libs).some((f) => f.startsWith(`kafka_2.13-${version}`))) {
    throw new Error(`Maven finished but ${libs} holds no kafka_2.13-${version} jar`);
  }
  fs.writeFileSync(stamp, pom);
  return libs;
}
