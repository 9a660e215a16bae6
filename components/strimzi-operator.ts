import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StrimziConfig } from "../core/config";
import { helmChartReference, strimziChartSource } from "../core/config/chart-source";
import { operatorChartValues } from "../core/strimzi/kafka-operator-chart";
import type { PlatformCluster } from "./cluster/platform-cluster";

export interface StrimziOperatorArgs {
  /** The `kafka-platform:strimzi` configuration (version, chart, namespace, size). */
  config: StrimziConfig;
  /** The local manifest with the CRDs of `config.version`, verified against its pin (strimzi-crds-file.ts). */
  crdsFile: pulumi.Input<string>;
  /** The namespace the operator watches; created here, it holds Kafka, its topics and users. */
  watchNamespace: string;
  /** The cluster layer; every Kubernetes object is created with its provider. */
  cluster: PlatformCluster;
  /**
   * Pulumi-protect the watched namespace (prod): deleting it deletes Kafka, every topic and user
   * and their volume claims, whatever protection those have themselves.
   */
  protectWatchedNamespace?: boolean;
}

/**
 * The Strimzi cluster operator: its namespace, the watched (Kafka) namespace, the CRDs of the pinned
 * release and the `strimzi-kafka-operator` Helm chart with its own CRDs skipped. The chart depends on
 * the CRDs, so an upgrade applies the new CRDs first and a destroy removes the operator before them.
 */
export class StrimziOperator extends pulumi.ComponentResource {
  /** Namespace of the cluster operator. */
  readonly namespace: string;
  /** The watched namespace (Kafka, KafkaTopics, KafkaUsers). */
  readonly watchedNamespace: k8s.core.v1.Namespace;
  /** Name of {@link watchedNamespace}. */
  readonly watchNamespaceName: string;
  /** The release's CRDs, owned by the program. */
  readonly crds: k8s.yaml.v2.ConfigFile;
  /** The operator's Helm release; Strimzi resources depend on it, so they are deleted while it runs. */
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: StrimziOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:strimzi:StrimziOperator", name, {}, opts);
    const { config, cluster } = args;
    const k8sOpts = { parent: this, provider: cluster.provider };
    const labels = { "app.kubernetes.io/part-of": "kafka-platform" };

    const operatorNamespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: config.namespace, labels } },
      k8sOpts,
    );
    this.namespace = config.namespace;
    this.watchNamespaceName = args.watchNamespace;
    this.watchedNamespace = new k8s.core.v1.Namespace(
      `${name}-watched-namespace`,
      { metadata: { name: args.watchNamespace, labels } },
      { ...k8sOpts, protect: args.protectWatchedNamespace === true },
    );
    this.crds = new k8s.yaml.v2.ConfigFile(`${name}-crds`, { file: args.crdsFile }, k8sOpts);
    this.chart = new k8s.helm.v4.Chart(
      name,
      {
        ...helmChartReference(strimziChartSource(config.chart, config.version)),
        namespace: operatorNamespace.metadata.name,
        // The CRDs come from `crds` above: Helm would install them once and never upgrade them.
        skipCrds: true,
        values: operatorChartValues(config, args.watchNamespace),
      },
      // The chart binds roles in the watched namespace, which must exist first.
      { ...k8sOpts, dependsOn: [this.crds, this.watchedNamespace] },
    );

    this.registerOutputs({ namespace: this.namespace, watchedNamespace: args.watchNamespace });
  }
}
