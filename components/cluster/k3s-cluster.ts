import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { K3sClusterConfig } from "../../core/config";
import { serviceAccountId } from "../../core/cluster/gke";
import {
  K3S_API_PORT,
  K3S_APIS,
  k3sAgentStartupScript,
  k3sCaHash,
  k3sServerStartupScript,
} from "../../core/cluster/k3s";
import { clientCertificateKubeconfig } from "../../core/cluster/kubeconfig";
import { enableServices, grantNodeRoles } from "./gcp-services";
import { KafkaToleration, PlatformCluster } from "./platform-cluster";
import { k3sPki } from "./k3s-pki";
import { waitForApiServer } from "./wait-for-api";
import { ClusterProviderSettings, clusterProviderInputs } from "../../core/cluster/provider-settings";

export interface K3sClusterArgs {
  /** The validated `kafka-platform:cluster.k3s` config. */
  config: K3sClusterConfig;
}

/** Identity-Aware Proxy's TCP forwarding range (SSH without public port 22). */
const IAP_RANGE = "35.235.240.0/20";
/** K3s' bundled local-path provisioner class. */
const LOCAL_PATH_STORAGE_CLASS = "local-path";
const SERVER_TAG = "k3s-server";
const NODE_TAG = "k3s-node";

/**
 * K3s on GCE VMs: one server (plus optional agents) on its own VPC, with CAs, an admin client
 * certificate and a join token generated here and handed to the VMs through Secret Manager, so
 * the kubeconfig is known without logging in to the VM.
 */
export class K3sCluster extends pulumi.ComponentResource implements PlatformCluster {
  readonly provider: k8s.Provider;
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly providerSettings: ClusterProviderSettings;
  readonly kafkaStorageClass = LOCAL_PATH_STORAGE_CLASS;
  readonly zones: string[];
  readonly kafkaNodeSelector: Record<string, string> = {};
  readonly kafkaTolerations: KafkaToleration[] = [];
  readonly gcp: NonNullable<PlatformCluster["gcp"]>;

  constructor(name: string, args: K3sClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:cluster:K3sCluster", name, {}, opts);
    const cfg = args.config;
    const { project, region, zone } = cfg;
    const parent = { parent: this };

    const apis = enableServices(name, project, K3S_APIS, this);
    const afterApis = { parent: this, dependsOn: apis };

    // ---- Network: own VPC, the API port open to the configured CIDRs only. ----
    const network = new gcp.compute.Network(
      `${name}-vpc`,
      { project, name: `${cfg.name}-vpc`, autoCreateSubnetworks: false, routingMode: "REGIONAL" },
      afterApis,
    );
    const subnet = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      { project, region, name: `${cfg.name}-nodes`, network: network.id, ipCidrRange: cfg.nodeCidr },
      parent,
    );
    const firewall = (suffix: string, args: Omit<gcp.compute.FirewallArgs, "project" | "network" | "name">) =>
      new gcp.compute.Firewall(
        `${name}-${suffix}`,
        { project, network: network.id, name: `${cfg.name}-${suffix}`, direction: "INGRESS", ...args },
        parent,
      );
    const firewalls = [
      firewall("allow-api", {
        description: "K3s API server, from the configured CIDRs only",
        sourceRanges: cfg.apiAllowedCidrs,
        targetTags: [SERVER_TAG],
        allows: [{ protocol: "tcp", ports: [String(K3S_API_PORT)] }],
      }),
      // Node to node: API server, kubelet, flannel VXLAN, metrics; nothing from outside the subnet.
      firewall("allow-internal", {
        description: "Traffic between the cluster's nodes",
        sourceRanges: [cfg.nodeCidr],
        targetTags: [NODE_TAG],
        allows: [{ protocol: "tcp" }, { protocol: "udp" }, { protocol: "icmp" }],
      }),
      ...(cfg.sshViaIap
        ? [
            firewall("allow-iap-ssh", {
              description: "SSH through Identity-Aware Proxy only",
              sourceRanges: [IAP_RANGE],
              targetTags: [NODE_TAG],
              allows: [{ protocol: "tcp", ports: ["22"] }],
            }),
          ]
        : []),
    ];
    // Static, so the API server certificate and the kubeconfig name it before the VM exists.
    const address = new gcp.compute.Address(
      `${name}-api-ip`,
      { project, region, name: `${cfg.name}-api`, addressType: "EXTERNAL", networkTier: "PREMIUM" },
      afterApis,
    );

    // ---- PKI: the CAs K3s would otherwise generate on first start, and an admin client certificate. ----
    const pki = k3sPki(
      name,
      { clusterName: cfg.name, adminCertValidityHours: cfg.adminCertValidityHours },
      this,
    );
    const serverCaPem = pki.serverCaPem;
    const token = new random.RandomPassword(`${name}-token`, { length: 48, special: false }, parent);

    // ---- Secret Manager: the PKI for the server only, the token for every node (never in VM metadata). ----
    const secretIds = { pki: `${cfg.name}-pki`, token: `${cfg.name}-token` };
    const secret = (suffix: keyof typeof secretIds, data: pulumi.Input<string>) => {
      const s = new gcp.secretmanager.Secret(
        `${name}-${suffix}`,
        { project, secretId: secretIds[suffix], replication: { auto: {} } },
        afterApis,
      );
      const version = new gcp.secretmanager.SecretVersion(
        `${name}-${suffix}`,
        { secret: s.id, secretData: pulumi.secret(data) },
        parent,
      );
      return { secret: s, version };
    };
    const pkiSecret = secret("pki", pki.bundle);
    const tokenSecret = secret("token", token.result);

    const nodeIdentity = (role: "server" | "agent", readable: Record<string, gcp.secretmanager.Secret>) => {
      const account = new gcp.serviceaccount.Account(
        `${name}-${role}`,
        { project, accountId: serviceAccountId(cfg.name, role), displayName: `K3s ${role}s of ${cfg.name}` },
        afterApis,
      );
      const grants: pulumi.Resource[] = grantNodeRoles(`${name}-${role}`, project, account.member, parent);
      for (const [suffix, s] of Object.entries(readable)) {
        grants.push(
          new gcp.secretmanager.SecretIamMember(
            `${name}-${role}-reads-${suffix}`,
            {
              project,
              secretId: s.secretId,
              role: "roles/secretmanager.secretAccessor",
              member: account.member,
            },
            parent,
          ),
        );
      }
      return { account, grants };
    };

    // ---- VMs. ----
    const vm = (
      resourceName: string,
      args: {
        vmName: string;
        identity: ReturnType<typeof nodeIdentity>;
        startupScript: pulumi.Input<string>;
        tags: string[];
        natIp?: pulumi.Input<string>;
        dependsOn: pulumi.Resource[];
      },
    ) =>
      new gcp.compute.Instance(
        resourceName,
        {
          project,
          zone,
          name: args.vmName,
          machineType: cfg.machineType,
          bootDisk: { initializeParams: { image: cfg.image, size: cfg.diskSizeGb, type: "pd-balanced" } },
          networkInterfaces: [
            { subnetwork: subnet.id, accessConfigs: [args.natIp ? { natIp: args.natIp } : {}] },
          ],
          serviceAccount: {
            email: args.identity.account.email,
            scopes: ["https://www.googleapis.com/auth/cloud-platform"],
          },
          shieldedInstanceConfig: {
            enableSecureBoot: true,
            enableVtpm: true,
            enableIntegrityMonitoring: true,
          },
          // `metadata.startup-script` (not metadataStartupScript) updates in place instead of replacing the VM.
          metadata: {
            "startup-script": args.startupScript,
            "enable-oslogin": "TRUE",
            "block-project-ssh-keys": "TRUE",
          },
          tags: args.tags,
          allowStoppingForUpdate: true,
        },
        {
          parent: this,
          dependsOn: [...args.dependsOn, ...args.identity.grants, ...firewalls],
          // A replacement VM needs the name and the static IP the old one holds.
          deleteBeforeReplace: true,
        },
      );

    const serverIdentity = nodeIdentity("server", { pki: pkiSecret.secret, token: tokenSecret.secret });
    const server = vm(`${name}-server`, {
      vmName: `${cfg.name}-server`,
      identity: serverIdentity,
      startupScript: address.address.apply((externalIp) =>
        k3sServerStartupScript({
          version: cfg.version,
          project,
          tokenSecret: secretIds.token,
          pkiSecret: secretIds.pki,
          externalIp,
          nodeName: `${cfg.name}-server`,
        }),
      ),
      tags: [SERVER_TAG, NODE_TAG],
      natIp: address.address,
      dependsOn: [pkiSecret.version, tokenSecret.version],
    });
    if (cfg.agents > 0) {
      const agentIdentity = nodeIdentity("agent", { token: tokenSecret.secret });
      const serverIp = server.networkInterfaces.apply((nis) => nis[0]?.networkIp ?? "");
      for (let i = 1; i <= cfg.agents; i++) {
        const vmName = `${cfg.name}-agent-${i}`;
        vm(`${name}-agent-${i}`, {
          vmName,
          identity: agentIdentity,
          startupScript: pulumi.all([serverIp, serverCaPem]).apply(([ip, caPem]) =>
            k3sAgentStartupScript({
              version: cfg.version,
              project,
              tokenSecret: secretIds.token,
              serverIp: ip,
              serverCaHash: k3sCaHash(caPem),
              nodeName: vmName,
            }),
          ),
          tags: [NODE_TAG],
          dependsOn: [tokenSecret.version, server],
        });
      }
    }

    // ---- Kubernetes access: known up front, usable once the API server answers. ----
    const contextName = `k3s_${project}_${zone}_${cfg.name}`;
    this.name = pulumi.output(cfg.name);
    this.endpoint = pulumi.interpolate`https://${address.address}:${K3S_API_PORT}`;
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([this.endpoint, serverCaPem, pki.adminCertPem, pki.adminKeyPem, server.id])
        .apply(async ([endpoint, caCertPem, clientCertPem, clientKeyPem]) => {
          await waitForApiServer({ server: endpoint, caCertPem, clientCertPem, clientKeyPem });
          return clientCertificateKubeconfig({
            contextName,
            server: endpoint,
            caCertPem,
            clientCertPem,
            clientKeyPem,
          });
        }),
    );
    // A renewed admin certificate only updates the provider (clusterIdentifier), never replaces resources.
    this.providerSettings = { name: `${name}-k8s`, clusterIdentifier: contextName };
    this.provider = new k8s.Provider(
      this.providerSettings.name,
      clusterProviderInputs(this.kubeconfig, this.providerSettings),
      { parent: this },
    );
    this.zones = [zone];
    this.gcp = { project, region, loadBalancerFirewall: { network: network.id, targetTags: [NODE_TAG] } };

    this.registerOutputs({ name: this.name, endpoint: this.endpoint, kubeconfig: this.kubeconfig });
  }
}
