import * as assert from "assert";
import { parse } from "yaml";
import { parsePkiBundle, k3sPkiFiles } from "../../../core/cluster/k3s";
import { isSecret, plain, ProgramRun } from "../../../harness/engine";
import { clusterPart, existingCluster, named, runCapturingOutputs, single, writeKubeconfig } from "./support";

type Run = Awaited<ReturnType<typeof runCapturingOutputs>>;
const K8S_PROVIDER = "pulumi:providers:kubernetes";

/** Registered inputs, secrets unwrapped; loosely typed for reading nested provider arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Inputs = Record<string, any>;

function inputs(run: ProgramRun, type: string, name?: string): Inputs {
  return plain((name ? named(run, type, name) : single(run, type)).inputs) as Inputs;
}

function assertSecretOutputs(run: Run): void {
  assert.ok(isSecret(run.registeredOutputs.kubeconfig), "the kubeconfig stack output is a secret");
  assert.ok(!isSecret(run.registeredOutputs.clusterEndpoint), "the endpoint is not a secret");
  assert.ok(
    isSecret(single(run, K8S_PROVIDER).inputs.kubeconfig),
    "the provider's kubeconfig input is a secret",
  );
}

describe("cluster modes under mocks", () => {
  describe("gke (prod)", () => {
    let run: Run;
    before(async () => {
      run = clusterPart(await runCapturingOutputs({ stack: "prod" }));
    });

    it("a regional, private, VPC-native cluster with the hardening settings", () => {
      const c = inputs(run, "gcp:container/cluster:Cluster") as Inputs;
      assert.strictEqual(c.location, "europe-west6", "regional");
      assert.deepStrictEqual(c.nodeLocations, ["europe-west6-a", "europe-west6-b", "europe-west6-c"]);
      assert.strictEqual(c.removeDefaultNodePool, true);
      assert.strictEqual(c.networkingMode, "VPC_NATIVE");
      assert.deepStrictEqual(c.ipAllocationPolicy, {
        clusterSecondaryRangeName: "pods",
        servicesSecondaryRangeName: "services",
      });
      assert.strictEqual(c.privateClusterConfig.enablePrivateNodes, true);
      assert.strictEqual(c.privateClusterConfig.masterIpv4CidrBlock, "172.16.0.0/28");
      assert.strictEqual(c.masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled, false);
      assert.deepStrictEqual(c.masterAuthorizedNetworksConfig.cidrBlocks, [
        { cidrBlock: "203.0.113.0/24", displayName: "office-vpn" },
      ]);
      assert.strictEqual(c.datapathProvider, "ADVANCED_DATAPATH", "Dataplane V2");
      assert.strictEqual(c.networkPolicy, undefined, "no legacy Calico next to Dataplane V2");
      assert.deepStrictEqual(c.workloadIdentityConfig, { workloadPool: "my-kafka-prod.svc.id.goog" });
      assert.strictEqual(c.enableShieldedNodes, true);
      assert.deepStrictEqual(c.releaseChannel, { channel: "REGULAR" });
      assert.deepStrictEqual(c.maintenancePolicy, { dailyMaintenanceWindow: { startTime: "02:00" } });
      assert.strictEqual(c.deletionProtection, true, "prod");
      assert.strictEqual(named(run, "gcp:container/cluster:Cluster", "cluster-gke").protect, true);
    });

    it("its own VPC and subnet with secondary ranges, Cloud NAT for private nodes", () => {
      const subnet = inputs(run, "gcp:compute/subnetwork:Subnetwork") as Inputs;
      assert.strictEqual(subnet.ipCidrRange, "10.10.0.0/20");
      assert.deepStrictEqual(subnet.secondaryIpRanges, [
        { rangeName: "pods", ipCidrRange: "10.16.0.0/14" },
        { rangeName: "services", ipCidrRange: "10.20.0.0/20" },
      ]);
      assert.strictEqual(inputs(run, "gcp:compute/network:Network").autoCreateSubnetworks, false);
      const nat = inputs(run, "gcp:compute/routerNat:RouterNat");
      assert.strictEqual(nat.sourceSubnetworkIpRangesToNat, "ALL_SUBNETWORKS_ALL_IP_RANGES");
      single(run, "gcp:compute/router:Router");
    });

    it("a tainted, labelled Kafka pool over three zones and an untainted system pool, both autoscaled", () => {
      const kafka = inputs(run, "gcp:container/nodePool:NodePool", "cluster-kafka") as Inputs;
      assert.deepStrictEqual(kafka.nodeConfig.taints, [
        { key: "dedicated", value: "kafka", effect: "NO_SCHEDULE" },
      ]);
      assert.strictEqual(kafka.nodeConfig.labels["kafka-platform.io/node-pool"], "kafka");
      assert.deepStrictEqual(kafka.nodeLocations, ["europe-west6-a", "europe-west6-b", "europe-west6-c"]);
      assert.deepStrictEqual(kafka.autoscaling, { minNodeCount: 1, maxNodeCount: 2 });
      assert.strictEqual(
        kafka.name,
        undefined,
        "auto-named, so a replacement pool is created before the old goes",
      );
      assert.strictEqual(kafka.nodeConfig.machineType, "n2-standard-8");
      assert.strictEqual(
        kafka.nodeConfig.workloadMetadataConfig.mode,
        "GKE_METADATA",
        "Workload Identity on the nodes",
      );
      assert.deepStrictEqual(kafka.nodeConfig.shieldedInstanceConfig, {
        enableSecureBoot: true,
        enableIntegrityMonitoring: true,
      });
      const system = inputs(run, "gcp:container/nodePool:NodePool", "cluster-system") as Inputs;
      assert.deepStrictEqual(system.nodeConfig.taints ?? [], []);
      assert.deepStrictEqual(system.autoscaling, { minNodeCount: 1, maxNodeCount: 3 });
    });

    it("nodes run as a dedicated service account with log and metric writer roles only", () => {
      const account = single(run, "gcp:serviceaccount/account:Account");
      const email = `${inputs(run, "gcp:serviceaccount/account:Account").accountId}@my-kafka-prod.iam.gserviceaccount.com`;
      for (const pool of ["cluster-kafka", "cluster-system"]) {
        assert.strictEqual(
          (inputs(run, "gcp:container/nodePool:NodePool", pool) as Inputs).nodeConfig.serviceAccount,
          email,
        );
      }
      const roles = run.resources
        .filter((r) => r.type === "gcp:projects/iAMMember:IAMMember")
        .map((r) => plain(r.inputs) as { role: string; member: string });
      assert.deepStrictEqual(roles.map((r) => r.role).sort(), [
        "roles/logging.logWriter",
        "roles/monitoring.metricWriter",
        "roles/stackdriver.resourceMetadata.writer",
      ]);
      assert.ok(roles.every((r) => r.member === `serviceAccount:${email}`));
      assert.ok(account.urn);
    });

    it("a pd-ssd StorageClass that binds in the pod's zone and can grow", () => {
      const sc = inputs(run, "kubernetes:storage.k8s.io/v1:StorageClass");
      assert.strictEqual(sc.provisioner, "pd.csi.storage.gke.io");
      assert.deepStrictEqual(sc.parameters, { type: "pd-ssd" });
      assert.strictEqual(sc.volumeBindingMode, "WaitForFirstConsumer");
      assert.strictEqual(sc.allowVolumeExpansion, true);
    });

    it("a provider with a stable clusterIdentifier that waits for the node pools, and a gcloud-plugin kubeconfig", () => {
      const provider = single(run, K8S_PROVIDER);
      const p = plain(provider.inputs) as Record<string, string>;
      assert.strictEqual(p.clusterIdentifier, "gke_my-kafka-prod_europe-west6_kafka-prod");
      const pools = run.resources
        .filter((r) => r.type === "gcp:container/nodePool:NodePool")
        .map((r) => r.urn);
      for (const pool of pools) assert.ok(provider.dependsOn.includes(pool), `provider depends on ${pool}`);
      const kubeconfig = parse(p.kubeconfig);
      assert.strictEqual(kubeconfig.users[0].user.exec.command, "gke-gcloud-auth-plugin");
      assertSecretOutputs(run);
      assert.strictEqual(plain(run.registeredOutputs.clusterName), "kafka-prod");
    });
  });

  describe("k3s (dev)", () => {
    let run: Run;
    before(async () => {
      run = clusterPart(
        await runCapturingOutputs({
          stack: "dev",
          configOverrides: {
            cluster: {
              mode: "k3s",
              k3s: {
                project: "my-kafka-dev",
                region: "europe-west6",
                zone: "europe-west6-a",
                agents: 2,
                apiAllowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
                adminCertValidityHours: 720,
              },
            },
          },
        }),
      );
    });

    it("opens the API port only to the configured CIDRs", () => {
      const api = inputs(run, "gcp:compute/firewall:Firewall", "cluster-allow-api") as Inputs;
      assert.deepStrictEqual(api.sourceRanges, ["203.0.113.0/24", "198.51.100.7/32"]);
      assert.deepStrictEqual(api.allows, [{ protocol: "tcp", ports: ["6443"] }]);
      assert.deepStrictEqual(api.targetTags, ["k3s-server"]);
      const firewalls = run.resources
        .filter((r) => r.type === "gcp:compute/firewall:Firewall")
        .map((r) => plain(r.inputs) as { sourceRanges: string[] });
      assert.ok(
        firewalls.every((f) => !f.sourceRanges.includes("0.0.0.0/0")),
        "nothing open to the world",
      );
    });

    it("generates five CAs (ten years) and an admin client certificate with the configured validity", () => {
      const cas = run.resources
        .filter((r) => r.type === "tls:index/selfSignedCert:SelfSignedCert")
        .map((r) => plain(r.inputs) as Record<string, unknown>);
      assert.strictEqual(cas.length, 5);
      for (const ca of cas) {
        assert.strictEqual(ca.isCaCertificate, true);
        assert.strictEqual(ca.validityPeriodHours, 87600);
        assert.ok((ca.allowedUses as string[]).includes("cert_signing"));
      }
      const admin = inputs(run, "tls:index/locallySignedCert:LocallySignedCert");
      assert.strictEqual(admin.validityPeriodHours, 720);
      assert.strictEqual(admin.earlyRenewalHours, 180);
      assert.deepStrictEqual(admin.allowedUses, ["digital_signature", "key_encipherment", "client_auth"]);
      const csr = inputs(run, "tls:index/certRequest:CertRequest");
      assert.deepStrictEqual(csr.subject, {
        commonName: "kafka-platform-admin",
        organization: "system:masters",
      });
      single(run, "random:index/randomPassword:RandomPassword");
    });

    it("hands the VM every CA file through Secret Manager, not through instance metadata", () => {
      const pki = named(run, "gcp:secretmanager/secretVersion:SecretVersion", "cluster-pki");
      assert.ok(isSecret(pki.inputs.secretData), "the PKI bundle stays a Pulumi secret");
      const bundle = parsePkiBundle(plain(pki.inputs.secretData) as string);
      assert.deepStrictEqual(Object.keys(bundle).sort(), k3sPkiFiles().sort());
      assert.match(bundle["server-ca.crt"], /BEGIN CERTIFICATE/);
      assert.match(bundle["client-ca.key"], /PRIVATE KEY/);
      for (const vm of run.resources.filter((r) => r.type === "gcp:compute/instance:Instance")) {
        const text = JSON.stringify(plain(vm.inputs));
        assert.ok(
          !text.includes("PRIVATE KEY") && !text.includes("BEGIN CERTIFICATE"),
          `${vm.name} metadata holds no PKI`,
        );
      }
      const grants = run.resources
        .filter((r) => r.type === "gcp:secretmanager/secretIamMember:SecretIamMember")
        .map((r) => r.name)
        .sort();
      assert.deepStrictEqual(grants, [
        "cluster-agent-reads-token",
        "cluster-server-reads-pki",
        "cluster-server-reads-token",
      ]);
    });

    it("one server with the static IP and the pinned K3s, plus the configured agents", () => {
      const server = inputs(run, "gcp:compute/instance:Instance", "cluster-server") as Inputs;
      const ip = plain(single(run, "gcp:compute/address:Address").inputs);
      assert.ok(ip);
      const script: string = server.metadata["startup-script"];
      assert.ok(script.includes("INSTALL_K3S_VERSION='v1.36.1+k3s1'"));
      const endpoint = plain(run.registeredOutputs.clusterEndpoint) as string;
      const externalIp = new URL(endpoint).hostname;
      assert.deepStrictEqual(server.networkInterfaces[0].accessConfigs, [{ natIp: externalIp }]);
      assert.ok(
        script.includes(`  - ${externalIp}\n`),
        "the static IP is a SAN of the API server certificate",
      );
      const agents = run.resources.filter(
        (r) => r.type === "gcp:compute/instance:Instance" && r.name.startsWith("cluster-agent-"),
      );
      assert.strictEqual(agents.length, 2);
      const agentScript: string = (plain(agents[0].inputs) as Inputs).metadata["startup-script"];
      assert.match(agentScript, /token: "K10[0-9a-f]{64}::server:\$TOKEN"/);
    });

    it("a kubeconfig with the admin certificate for the static IP, and a provider with a stable identifier", () => {
      assertSecretOutputs(run);
      const kubeconfig = parse(plain(run.registeredOutputs.kubeconfig) as string);
      const endpoint = plain(run.registeredOutputs.clusterEndpoint) as string;
      assert.match(endpoint, /^https:\/\/[0-9.]+:6443$/);
      assert.strictEqual(kubeconfig.clusters[0].cluster.server, endpoint);
      assert.ok(kubeconfig.users[0].user["client-certificate-data"]);
      const p = plain(single(run, K8S_PROVIDER).inputs) as Record<string, string>;
      assert.strictEqual(p.clusterIdentifier, "k3s_my-kafka-dev_europe-west6-a_kafka-dev");
    });
  });

  describe("existing", () => {
    it("a provider for the configured context, nothing created", async () => {
      const file = writeKubeconfig();
      const run = clusterPart(
        await runCapturingOutputs({
          stack: "dev",
          configOverrides: existingCluster(file, { context: "other" }),
        }),
      );
      const gcpResources = run.resources.filter(
        (r) => r.type.startsWith("gcp:") || r.type.startsWith("tls:"),
      );
      assert.deepStrictEqual(gcpResources, []);
      const p = plain(single(run, K8S_PROVIDER).inputs) as Record<string, string>;
      assert.strictEqual(p.context, "other");
      assert.strictEqual(p.clusterIdentifier, "existing_other");
      const kubeconfig = parse(p.kubeconfig);
      assert.deepStrictEqual(kubeconfig.users, [{ name: "other", user: { token: "other-token" } }]);
      assert.strictEqual(plain(run.registeredOutputs.clusterEndpoint), "https://10.0.0.1:6443");
      assertSecretOutputs(run);
    });
  });
});
