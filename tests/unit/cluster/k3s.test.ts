import * as assert from "assert";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  adminCertEarlyRenewalHours,
  k3sAgentStartupScript,
  k3sCaHash,
  k3sInstallScriptUrl,
  k3sPkiFiles,
  k3sServerStartupScript,
  K3S_TLS_DIR,
  parsePkiBundle,
  pkiBundle,
  shellQuote,
} from "../../../core/cluster/k3s";

const SERVER = k3sServerStartupScript({
  version: "v1.36.1+k3s1",
  project: "my-project",
  tokenSecret: "kafka-dev-token",
  pkiSecret: "kafka-dev-pki",
  externalIp: "34.65.1.2",
  nodeName: "kafka-dev-server",
});
const AGENT = k3sAgentStartupScript({
  version: "v1.36.1+k3s1",
  project: "my-project",
  tokenSecret: "kafka-dev-token",
  serverIp: "10.30.0.2",
  serverCaHash: "ab".repeat(32),
  nodeName: "kafka-dev-agent-1",
});

function bashSyntaxOk(script: string): void {
  const result = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
  assert.strictEqual(result.status, 0, result.stderr);
}

describe("K3s bootstrap", () => {
  it("pre-provisions exactly the CA files K3s documents for custom CAs", () => {
    assert.deepStrictEqual(k3sPkiFiles().sort(), [
      "client-ca.crt",
      "client-ca.key",
      "etcd/peer-ca.crt",
      "etcd/peer-ca.key",
      "etcd/server-ca.crt",
      "etcd/server-ca.key",
      "request-header-ca.crt",
      "request-header-ca.key",
      "server-ca.crt",
      "server-ca.key",
      "service.key",
    ]);
    assert.strictEqual(K3S_TLS_DIR, "/var/lib/rancher/k3s/server/tls");
  });

  it("bundles the PKI losslessly and refuses an incomplete one", () => {
    const files = Object.fromEntries(
      k3sPkiFiles().map((f) => [f, `-----BEGIN X-----\n${f} 'quoted' $x\n-----END X-----\n`]),
    );
    assert.deepStrictEqual(parsePkiBundle(pkiBundle(files)), files);
    const { ["service.key"]: _omitted, ...incomplete } = files;
    assert.throws(() => pkiBundle(incomplete), /missing service\.key/);
  });

  it("derives the secure token's CA hash from the exact server CA file", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n";
    assert.strictEqual(k3sCaHash(pem), createHash("sha256").update(pem).digest("hex"));
    assert.match(k3sCaHash(pem), /^[0-9a-f]{64}$/);
  });

  it("server script: writes the PKI before K3s first starts, never over an existing one", () => {
    bashSyntaxOk(SERVER);
    const guard = SERVER.indexOf(`if [ ! -f "$TLS_DIR/server-ca.crt" ]`);
    const write = SERVER.indexOf('base64 -d > "$TLS_DIR/$file"');
    const installK3s = SERVER.indexOf("INSTALL_K3S_VERSION=");
    assert.ok(guard > 0 && guard < write && write < installK3s, "guard, then PKI, then the K3s install");
    assert.ok(SERVER.includes("not starting K3s with CAs of its own"), "a missing file stops the boot");
    assert.ok(SERVER.includes("secret 'kafka-dev-pki'") && SERVER.includes('--project="$PROJECT"'));
  });

  it("server script: pins the release and puts the static IP on the API server certificate", () => {
    assert.ok(SERVER.includes("INSTALL_K3S_VERSION='v1.36.1+k3s1'"));
    assert.ok(SERVER.includes(k3sInstallScriptUrl("v1.36.1+k3s1")));
    assert.strictEqual(
      k3sInstallScriptUrl("v1.36.1+k3s1"),
      "https://raw.githubusercontent.com/k3s-io/k3s/v1.36.1%2Bk3s1/install.sh",
    );
    assert.match(SERVER, /tls-san:\n {2}- 34\.65\.1\.2\n/);
    assert.ok(SERVER.includes("secrets-encryption: true"));
    assert.ok(!SERVER.includes("get.k3s.io"), "no moving install script");
  });

  it("agent script: joins with the secure token and the pinned release", () => {
    bashSyntaxOk(AGENT);
    assert.ok(AGENT.includes(`server: https://10.30.0.2:6443`));
    assert.ok(AGENT.includes(`token: "K10${"ab".repeat(32)}::server:$TOKEN"`));
    assert.ok(AGENT.includes("INSTALL_K3S_EXEC=agent"));
    assert.ok(!AGENT.includes("kafka-dev-pki"), "agents never read the CA keys");
  });

  it("quotes shell values safely", () => {
    const result = spawnSync("bash", ["-c", `printf '%s' ${shellQuote("it's $HOME `x`")}`], {
      encoding: "utf8",
    });
    assert.strictEqual(result.stdout, "it's $HOME `x`");
  });

  it("renews the admin certificate in its last quarter", () => {
    assert.strictEqual(adminCertEarlyRenewalHours(8760), 2190);
  });
});
