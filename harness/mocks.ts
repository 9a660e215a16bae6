import { createHash, generateKeyPairSync } from "crypto";
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

/**
 * Realistic outputs for provider-computed values, so that code depending on them (kubeconfigs,
 * credentials Secrets, bootstrap addresses) runs as it would against the real providers.
 * Values are derived from the resource name, so renders are reproducible.
 */
const MOCK_CERT_PEM = readFileSync(path.join(__dirname, "fixtures", "mock-ca.crt"), "utf8");

let cachedKey: { privateKeyPem: string; publicKeyPem: string } | undefined;
function mockKeyPair() {
  if (!cachedKey) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    cachedKey = {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  }
  return cachedKey;
}

/** A deterministic pseudo-random string of `length` characters from the resource name. */
function derivedSecret(name: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    out += createHash("sha256").update(`${name}/${i}`).digest("base64url");
  }
  return out.slice(0, length);
}

function ipFor(name: string, first: number): string {
  const h = createHash("sha256").update(name).digest();
  return `${first}.${h[0]}.${h[1]}.${(h[2] % 250) + 2}`;
}

type State = Record<string, unknown>;

/** Computed outputs per resource type (merged over the inputs). */
const computed: Record<string, (name: string, inputs: State) => State> = {
  "random:index/randomPassword:RandomPassword": (name, i) => ({
    result: derivedSecret(name, Number(i.length ?? 32)),
    bcryptHash: `$2a$10$${derivedSecret(`${name}-bcrypt`, 53)}`,
  }),
  "random:index/randomString:RandomString": (name, i) => ({
    result: derivedSecret(name, Number(i.length ?? 16)),
  }),
  "random:index/randomId:RandomId": (name, i) => {
    const hex = createHash("sha256")
      .update(name)
      .digest("hex")
      .slice(0, Number(i.byteLength ?? 8) * 2);
    return { hex, b64Url: Buffer.from(hex, "hex").toString("base64url"), dec: BigInt(`0x${hex}`).toString() };
  },
  "tls:index/privateKey:PrivateKey": () => ({
    privateKeyPem: mockKeyPair().privateKeyPem,
    privateKeyPemPkcs8: mockKeyPair().privateKeyPem,
    publicKeyPem: mockKeyPair().publicKeyPem,
  }),
  "tls:index/selfSignedCert:SelfSignedCert": () => ({ certPem: MOCK_CERT_PEM }),
  "tls:index/locallySignedCert:LocallySignedCert": () => ({ certPem: MOCK_CERT_PEM }),
  "tls:index/certRequest:CertRequest": () => ({
    certRequestPem: "-----BEGIN CERTIFICATE REQUEST-----\nmock\n-----END CERTIFICATE REQUEST-----\n",
  }),
  "gcp:container/cluster:Cluster": (name, i) => ({
    endpoint: ipFor(name, 34),
    masterAuth: { clusterCaCertificate: Buffer.from(MOCK_CERT_PEM).toString("base64") },
    selfLink: `https://container.googleapis.com/v1/projects/${i.project ?? "mock-project"}/locations/${i.location}/clusters/${i.name ?? name}`,
  }),
  "gcp:serviceaccount/account:Account": (name, i) => ({
    email: `${i.accountId ?? name}@${i.project ?? "mock-project"}.iam.gserviceaccount.com`,
    member: `serviceAccount:${i.accountId ?? name}@${i.project ?? "mock-project"}.iam.gserviceaccount.com`,
  }),
  "gcp:compute/address:Address": (name) => ({ address: ipFor(name, 34) }),
  "gcp:compute/instance:Instance": (name, i) => ({
    instanceId: createHash("sha256").update(name).digest("hex").slice(0, 16),
    networkInterfaces: ((i.networkInterfaces as State[] | undefined) ?? [{}]).map((ni) => ({
      ...ni,
      networkIp: ipFor(`${name}-internal`, 10),
    })),
  }),
  "gcp:secretmanager/secret:Secret": (name, i) => ({
    name: `projects/${i.project ?? "mock-project"}/secrets/${i.secretId ?? name}`,
  }),
  "gcp:secretmanager/secretVersion:SecretVersion": (name, i) => ({
    name: `${i.secret ?? `projects/mock-project/secrets/${name}`}/versions/1`,
    version: "1",
  }),
  "gcp:compute/network:Network": (name, i) => ({
    selfLink: `https://www.googleapis.com/compute/v1/projects/${i.project ?? "mock-project"}/global/networks/${i.name ?? name}`,
  }),
  "gcp:storage/bucket:Bucket": (name, i) => ({ url: `gs://${i.name ?? name}` }),
};

/** The mocks the harness installs; every type not listed gets its inputs back as state. */
export const platformMocks: pulumi.runtime.Mocks = {
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
    const extra = computed[args.type]?.(args.name, args.inputs) ?? {};
    const state: State = { name: args.inputs.name ?? args.name, ...args.inputs, ...extra };
    if (args.type.startsWith("kubernetes:") && typeof args.inputs.metadata === "object") {
      const metadata = args.inputs.metadata as State;
      state.metadata = { ...metadata, name: metadata.name ?? `${args.name}-mock` };
    }
    return { id: args.custom === false ? undefined : `${args.name}-id`, state };
  },
  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
      case "gcp:organizations/getClientConfig:getClientConfig":
        return { project: "mock-project", region: "europe-west6", accessToken: "mock-token" };
      case "gcp:organizations/getProject:getProject":
        return { number: "123456789012", projectId: args.inputs.projectId ?? "mock-project" };
      default:
        return args.inputs;
    }
  },
};
