import * as assert from "assert";
import { spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { k3sPkiFiles, k3sServerStartupScript, pkiBundle } from "../../../core/cluster/k3s";

/**
 * Runs the server startup script for real, in a scratch directory standing in for `/`, with fake
 * `gcloud` (Secret Manager), `curl` (the install script) and `systemctl` on the PATH.
 */
function sandbox() {
  const root = mkdtempSync(path.join(tmpdir(), "kp-k3s-"));
  const bin = path.join(root, "fake-bin");
  const secrets = path.join(root, "secrets");
  mkdirSync(bin);
  mkdirSync(secrets);
  const log = path.join(root, "calls.log");
  const fake = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  fake(
    "gcloud",
    `for a in "$@"; do case "$a" in --secret=*) s="\${a#--secret=}";; esac; done; cat "${secrets}/$s"`,
  );
  fake(
    "curl",
    `echo "curl $*" >> "${log}"; echo 'echo "install $INSTALL_K3S_VERSION $INSTALL_K3S_EXEC" >> "${log}"'`,
  );
  fake("systemctl", `echo "systemctl $*" >> "${log}"`);
  const run = (script: string) => {
    const rooted = script
      .replace(/\/var\/lib\/rancher/g, `${root}/var/lib/rancher`)
      .replace(/\/etc\/rancher/g, `${root}/etc/rancher`);
    return spawnSync("bash", ["-c", rooted], {
      encoding: "utf8",
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
  };
  return { root, secrets, log, run };
}

const PKI = Object.fromEntries(
  k3sPkiFiles().map((f) => [
    f,
    `-----BEGIN ${f.endsWith(".crt") ? "CERTIFICATE" : "EC PRIVATE KEY"}-----\n${f}\n-----END X-----\n`,
  ]),
);
const SCRIPT = k3sServerStartupScript({
  version: "v1.36.1+k3s1",
  project: "p",
  tokenSecret: "kafka-dev-token",
  pkiSecret: "kafka-dev-pki",
  externalIp: "34.65.1.2",
  nodeName: "kafka-dev-server",
});

describe("K3s server startup script (run in a sandbox)", () => {
  it("writes every CA file byte for byte, owner-only, then the config, then installs and starts K3s", () => {
    const box = sandbox();
    writeFileSync(path.join(box.secrets, "kafka-dev-pki"), pkiBundle(PKI));
    writeFileSync(path.join(box.secrets, "kafka-dev-token"), "s3cret\n");
    const result = box.run(SCRIPT);
    assert.strictEqual(result.status, 0, result.stderr);

    const tls = path.join(box.root, "var/lib/rancher/k3s/server/tls");
    for (const file of k3sPkiFiles()) {
      assert.strictEqual(readFileSync(path.join(tls, file), "utf8"), PKI[file], file);
      assert.strictEqual(statSync(path.join(tls, file)).mode & 0o077, 0, `${file} is owner-only`);
    }
    const configFile = path.join(box.root, "etc/rancher/k3s/config.yaml");
    assert.strictEqual(statSync(configFile).mode & 0o077, 0, "config.yaml (with the token) is owner-only");
    assert.deepStrictEqual(parse(readFileSync(configFile, "utf8")), {
      token: "s3cret",
      "node-name": "kafka-dev-server",
      "tls-san": ["34.65.1.2"],
      "node-external-ip": "34.65.1.2",
      "write-kubeconfig-mode": "0600",
      "secrets-encryption": true,
    });
    const calls = readFileSync(box.log, "utf8").trim().split("\n");
    assert.deepStrictEqual(calls, [
      "curl -sfL https://raw.githubusercontent.com/k3s-io/k3s/v1.36.1%2Bk3s1/install.sh",
      "install v1.36.1+k3s1 server",
      "systemctl enable --now k3s",
    ]);
  });

  it("on a later boot keeps the CA files K3s already has", () => {
    const box = sandbox();
    writeFileSync(path.join(box.secrets, "kafka-dev-pki"), pkiBundle(PKI));
    writeFileSync(path.join(box.secrets, "kafka-dev-token"), "s3cret");
    assert.strictEqual(box.run(SCRIPT).status, 0);
    const tls = path.join(box.root, "var/lib/rancher/k3s/server/tls");
    writeFileSync(path.join(tls, "server-ca.crt"), "what K3s has");
    const changed = { ...PKI, "client-ca.key": "a different key" };
    writeFileSync(path.join(box.secrets, "kafka-dev-pki"), pkiBundle(changed));
    assert.strictEqual(box.run(SCRIPT).status, 0);
    assert.strictEqual(readFileSync(path.join(tls, "server-ca.crt"), "utf8"), "what K3s has");
    assert.strictEqual(readFileSync(path.join(tls, "client-ca.key"), "utf8"), PKI["client-ca.key"]);
  });

  it("refuses to start K3s (which would make CAs of its own) when a CA file is missing", () => {
    const box = sandbox();
    const { ["etcd/peer-ca.key"]: _missing, ...rest } = PKI;
    const partial = k3sPkiFiles()
      .filter((f) => f in rest)
      .map((f) => `${f} ${Buffer.from(rest[f]).toString("base64")}\n`)
      .join("");
    writeFileSync(path.join(box.secrets, "kafka-dev-pki"), partial);
    writeFileSync(path.join(box.secrets, "kafka-dev-token"), "s3cret");
    const result = box.run(SCRIPT);
    assert.notStrictEqual(result.status, 0);
    assert.match(result.stderr, /missing .*etcd\/peer-ca\.key/);
    assert.ok(!existsSync(box.log), "neither installed nor started");
  });
});
