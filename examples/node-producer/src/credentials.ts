/**
 * Reads the credentials Secret that the platform's team component writes for each application.
 * Mounted as a volume, each Secret key is a file of that name in `KAFKA_CREDENTIALS_DIR`; an
 * environment variable `KAFKA_<KEY>` (upper case, dots as underscores) overrides a file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The Secret's keys. */
export const SECRET_KEYS = [
  "bootstrap.servers",
  "username",
  "password",
  "sasl.mechanism",
  "security.protocol",
  "sasl.jaas.config",
  "ca.crt",
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** What a Kafka client needs to connect as the application. */
export interface KafkaCredentials {
  bootstrapBrokers: string[];
  username: string;
  password: string;
  /** Only SCRAM-SHA-512 is issued by the platform. */
  saslMechanism: "SCRAM-SHA-512";
  /** SASL_SSL in the cluster; SASL_PLAINTEXT for a local test broker. */
  securityProtocol: "SASL_SSL" | "SASL_PLAINTEXT";
  /** PEM of the cluster CA; present with SASL_SSL. */
  caCert?: string;
}

/** The environment variable that overrides a Secret key, e.g. `ca.crt` → `KAFKA_CA_CRT`. */
export function envOverride(key: string): string {
  return `KAFKA_${key.toUpperCase().replaceAll(".", "_")}`;
}

/** Thrown with every problem found, so one run shows all that is missing. */
export class CredentialsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid Kafka credentials:\n  ${problems.join("\n  ")}`);
    this.name = "CredentialsError";
  }
}

/** Resolves the credentials from `dir` (may be undefined) and `env`. */
export function loadCredentials(dir: string | undefined, env: NodeJS.ProcessEnv): KafkaCredentials {
  const values = new Map<SecretKey, string>();
  for (const key of SECRET_KEYS) {
    const fromFile = dir ? readOptional(join(dir, key)) : undefined;
    const value = env[envOverride(key)] || fromFile;
    if (value) values.set(key, value);
  }
  // A Secret that carries only the JAAS line still works.
  const jaas = parseJaas(values.get("sasl.jaas.config") ?? "");
  const username = values.get("username") ?? jaas.username;
  const password = values.get("password") ?? jaas.password;
  const mechanism = values.get("sasl.mechanism") ?? "SCRAM-SHA-512";
  const protocol = values.get("security.protocol") ?? "SASL_SSL";
  const caCert = values.get("ca.crt");
  const bootstrapBrokers = (values.get("bootstrap.servers") ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "");

  const missing = (key: SecretKey) =>
    dir
      ? `${key} is missing (no file ${join(dir, key)} and ${envOverride(key)} unset)`
      : `${key} is missing (set KAFKA_CREDENTIALS_DIR or ${envOverride(key)})`;
  const problems: string[] = [];
  if (bootstrapBrokers.length === 0) problems.push(missing("bootstrap.servers"));
  if (!username) problems.push(missing("username"));
  if (!password) problems.push(missing("password"));
  if (mechanism !== "SCRAM-SHA-512") {
    problems.push(`sasl.mechanism: "${mechanism}" is not supported (only SCRAM-SHA-512)`);
  }
  if (protocol !== "SASL_SSL" && protocol !== "SASL_PLAINTEXT") {
    problems.push(`security.protocol: "${protocol}" is not supported (SASL_SSL or SASL_PLAINTEXT)`);
  } else if (protocol === "SASL_SSL" && !caCert) {
    problems.push(`${missing("ca.crt")} (required with SASL_SSL)`);
  }
  if (problems.length > 0 || !username || !password) throw new CredentialsError(problems);

  return {
    bootstrapBrokers,
    username,
    password,
    saslMechanism: "SCRAM-SHA-512",
    securityProtocol: protocol as KafkaCredentials["securityProtocol"],
    ...(protocol === "SASL_SSL" ? { caCert } : {}),
  };
}

/** Username and password of a `ScramLoginModule required username="…" password="…";` line. */
export function parseJaas(jaas: string): { username?: string; password?: string } {
  const found: { username?: string; password?: string } = {};
  for (const m of jaas.matchAll(/(username|password)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    found[m[1] as "username" | "password"] = m[2].replace(/\\(.)/g, "$1");
  }
  return found;
}

function readOptional(path: string): string | undefined {
  try {
    // Secret files may end with a newline when written by hand.
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
