/**
 * A throw-away CA and a broker certificate for 127.0.0.1, made with the `openssl` CLI for one test
 * cluster (Node.js cannot issue X.509 certificates itself).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Files of the generated TLS material. */
export interface TestTls {
  /** The CA certificate (PEM): what clients trust. */
  caCertPem: string;
  /** PEM file with the CA certificate (the brokers' truststore). */
  caFile: string;
  /** PEM file with the broker's private key (PKCS#8) and certificate chain (the brokers' keystore). */
  keystoreFile: string;
}

function openssl(dir: string, args: string[]): void {
  const result = spawnSync("openssl", args, { cwd: dir, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw new Error(`the TLS listener needs \`openssl\` on PATH: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

/** Generates a CA and a certificate for `127.0.0.1`/`localhost` signed by it, valid for two days. */
export function generateTestTls(dir: string): TestTls {
  fs.mkdirSync(dir, { recursive: true });
  openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=kafka-test-ca",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
  ]);
  openssl(dir, [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    "broker.key",
    "-out",
    "broker.csr",
  ]);
  fs.writeFileSync(
    path.join(dir, "broker.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    "broker.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    "broker.ext",
    "-out",
    "broker.crt",
  ]);
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), "utf8");
  const keystoreFile = path.join(dir, "broker-keystore.pem");
  fs.writeFileSync(keystoreFile, `${read("broker.key")}${read("broker.crt")}${read("ca.crt")}`);
  return { caCertPem: read("ca.crt"), caFile: path.join(dir, "ca.crt"), keystoreFile };
}
