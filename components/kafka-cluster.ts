import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import type { Environment, KafkaConfig } from "../core/config";
import { ENVIRONMENT_LABEL } from "../core/labels";
import { ADMIN_PASSWORD_KEY, adminKafkaUser } from "../core/strimzi/kafka-admin-user";
import { CA_CERT_KEY, CA_KEY_KEY, clusterCaSecrets, clusterCaSubject } from "../core/strimzi/kafka-ca";
import {
  adminPasswordSecretName,
  internalBootstrapAddress,
  metricsConfigMapName,
  STRIMZI_API_VERSION,
  StrimziObject,
} from "../core/strimzi/kafka-object";
import { kafkaResource } from "../core/strimzi/kafka-resource";
import { KAFKA_METRICS_CONFIG_KEY, kafkaJmxExporterConfig } from "../core/strimzi/metrics";
import { NODE_POOL_ROLES, nodePoolResource } from "../core/strimzi/node-pool";
import type { OAuthListenerSettings } from "../core/strimzi/oauth-listener";
import type { PlatformCluster } from "./cluster/platform-cluster";
import type { StrimziOperator } from "./strimzi-operator";
import { generatedPassword } from "./generated-password";

export interface KafkaClusterArgs {
  /** The platform environment (`dev`, `prod`). */
  environment: Environment;
  /** The `kafka-platform:kafka` configuration. */
  config: KafkaConfig;
  /** The cluster layer: provider, storage class and the dedicated Kafka nodes. */
  cluster: PlatformCluster;
  /** The operator that reconciles this cluster; it watches `config.namespace`, which it created. */
  operator: StrimziOperator;
  /** The OAuth listener of the Keycloak add-on (core/strimzi/oauth-listener.ts); none when omitted. */
  oauthListener?: OAuthListenerSettings;
}

/**
 * A KRaft Kafka cluster: the `Kafka` resource and its controller and broker `KafkaNodePool`s, the
 * cluster CA (issued here, so its certificate is known at deploy time), the JMX exporter rules and the
 * platform admin user. Team topics and users must `dependsOn` {@link KafkaCluster.resource}, so that a
 * destroy deletes them while the entity operator still runs.
 */
export class KafkaCluster extends pulumi.ComponentResource {
  /** Name of the `Kafka` resource. */
  readonly clusterName: string;
  /** Namespace of Kafka, its topics and users. */
  readonly namespace: string;
  /** Internal TLS + SCRAM-SHA-512 bootstrap address, `<name>-kafka-bootstrap.<ns>.svc:9093`. */
  readonly bootstrapServers: pulumi.Output<string>;
  /** The cluster CA certificate (PEM): clients' trust store. */
  readonly clusterCaCertPem: pulumi.Output<string>;
  /** The `Kafka` custom resource. */
  readonly resource: k8s.apiextensions.CustomResource;
  /** The node pools, by role. */
  readonly nodePools: Record<"controller" | "broker", k8s.apiextensions.CustomResource>;
  /** SCRAM user name of the platform admin (a super user). */
  readonly adminUsername: string;
  /** Password of the platform admin (secret). */
  readonly adminPassword: pulumi.Output<string>;
  /** Secret in {@link namespace} holding the admin password under `password`. */
  readonly adminPasswordSecretName: string;

  constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:strimzi:KafkaCluster", name, {}, opts);
    const { config, cluster, operator } = args;
    if (operator.watchNamespaceName !== config.namespace) {
      throw new Error(
        `the operator watches ${operator.watchNamespaceName}, not the Kafka namespace ${config.namespace}`,
      );
    }
    const k8sOpts = { parent: this, provider: cluster.provider };
    // In prod, deleting the cluster or a node pool deletes the brokers and (per deleteClaim) their data.
    const protect = args.environment === "prod";
    const envLabel = { [ENVIRONMENT_LABEL]: args.environment };
    this.clusterName = config.name;
    this.namespace = config.namespace;
    // Every object in the namespace depends on it through this output (created by the operator component).
    const namespace = operator.watchedNamespace.metadata.name;

    const ca = this.clusterCa(name, config, namespace, k8sOpts);
    this.clusterCaCertPem = ca.certPem;

    const metrics = new k8s.core.v1.ConfigMap(
      `${name}-metrics`,
      {
        metadata: { name: metricsConfigMapName(config.name), namespace },
        data: { [KAFKA_METRICS_CONFIG_KEY]: kafkaJmxExporterConfig() },
      },
      k8sOpts,
    );

    const placement = pulumi.output(cluster.kafkaStorageClass).apply((storageClass) => ({
      storageClass,
      nodeSelector: cluster.kafkaNodeSelector,
      tolerations: cluster.kafkaTolerations,
    }));
    const pools = NODE_POOL_ROLES.map((role) => {
      const pool = placement.apply((p) => nodePoolResource(config, role, p));
      return new k8s.apiextensions.CustomResource(
        `${name}-${role}`,
        strimziArgs("KafkaNodePool", pool, namespace, envLabel),
        { ...k8sOpts, protect, dependsOn: [operator.chart] },
      );
    });
    this.nodePools = { controller: pools[0], broker: pools[1] };

    this.resource = new k8s.apiextensions.CustomResource(
      name,
      strimziArgs("Kafka", kafkaResource(config, args.oauthListener), namespace, envLabel),
      { ...k8sOpts, protect, dependsOn: [operator.chart, ca.certSecret, ca.keySecret, metrics, ...pools] },
    );

    this.adminUsername = config.adminUser;
    this.adminPasswordSecretName = adminPasswordSecretName(config.adminUser);
    this.adminPassword = generatedPassword(`${name}-admin-password`, this);
    const passwordSecret = new k8s.core.v1.Secret(
      `${name}-admin-password`,
      {
        metadata: { name: this.adminPasswordSecretName, namespace },
        type: "Opaque",
        stringData: { [ADMIN_PASSWORD_KEY]: this.adminPassword },
      },
      k8sOpts,
    );
    new k8s.apiextensions.CustomResource(
      `${name}-admin`,
      strimziArgs("KafkaUser", adminKafkaUser(config), namespace, envLabel),
      { ...k8sOpts, dependsOn: [this.resource, passwordSecret] },
    );

    this.bootstrapServers = pulumi.output(internalBootstrapAddress(config.name, config.namespace));
    this.registerOutputs({
      clusterName: this.clusterName,
      namespace: this.namespace,
      bootstrapServers: this.bootstrapServers,
      clusterCaCertPem: this.clusterCaCertPem,
      adminUsername: this.adminUsername,
      adminPassword: this.adminPassword,
    });
  }

  /**
   * The cluster CA: an RSA key and a self-signed CA certificate, in the two Secrets Strimzi reads.
   * Bumping `clusterCa.generation` re-issues the certificate for the same key and subject (renewal).
   */
  private clusterCa(
    name: string,
    config: KafkaConfig,
    namespace: pulumi.Output<string>,
    k8sOpts: pulumi.CustomResourceOptions,
  ) {
    const { generation, validityDays } = config.clusterCa;
    const key = new tls.PrivateKey(
      `${name}-cluster-ca`,
      { algorithm: "RSA", rsaBits: 4096 },
      { parent: this },
    );
    const cert = new tls.SelfSignedCert(
      `${name}-cluster-ca`,
      {
        privateKeyPem: key.privateKeyPem,
        isCaCertificate: true,
        subject: clusterCaSubject(config.name, config.namespace),
        validityPeriodHours: validityDays * 24,
        allowedUses: ["cert_signing", "crl_signing"],
      },
      { parent: this, replacementTrigger: generation },
    );
    const meta = clusterCaSecrets(config.name, config.namespace, generation);
    const certSecret = new k8s.core.v1.Secret(
      `${name}-cluster-ca-cert`,
      { metadata: { ...meta.cert, namespace }, type: "Opaque", stringData: { [CA_CERT_KEY]: cert.certPem } },
      k8sOpts,
    );
    const keySecret = new k8s.core.v1.Secret(
      `${name}-cluster-ca`,
      {
        metadata: { ...meta.key, namespace },
        type: "Opaque",
        stringData: { [CA_KEY_KEY]: pulumi.secret(key.privateKeyPem) },
      },
      k8sOpts,
    );
    return { certPem: cert.certPem, certSecret, keySecret };
  }
}

/**
 * CustomResource arguments of a Strimzi object placed in `namespace` (an output, so that the object
 * waits for its namespace). The kind is given as plain text: the resource's type token is built from it.
 */
function strimziArgs(
  kind: StrimziObject["kind"],
  object: pulumi.Input<StrimziObject>,
  namespace: pulumi.Output<string>,
  labels: Record<string, string>,
): k8s.apiextensions.CustomResourceArgs {
  const placed = pulumi.all([object, namespace]).apply(([o, ns]) => ({
    ...o,
    metadata: { ...o.metadata, namespace: ns, labels: { ...o.metadata.labels, ...labels } },
  }));
  return { apiVersion: STRIMZI_API_VERSION, kind, metadata: placed.metadata, spec: placed.spec };
}
