import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { strimziPodMonitors } from "../../core/monitoring/pod-monitors";
import { KafkaTarget } from "../../core/monitoring/targets";

export interface StrimziPodMonitorsArgs {
  /** The Kafka cluster and operator to scrape. */
  target: KafkaTarget;
  /** Kubernetes provider of the cluster. */
  provider: k8s.Provider;
  /** The Prometheus Operator CRDs and the Kafka/operator namespaces. */
  dependsOn?: pulumi.Resource[];
}

/** PodMonitors for the Kafka nodes, Kafka Exporter, entity operator and cluster operator, which Alloy discovers. */
export class StrimziPodMonitors extends pulumi.ComponentResource {
  constructor(name: string, args: StrimziPodMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafka-platform:monitoring:StrimziPodMonitors", name, {}, opts);
    for (const monitor of strimziPodMonitors(args.target)) {
      new k8s.apiextensions.CustomResource(
        `${name}-${monitor.name}`,
        {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "PodMonitor",
          metadata: { name: monitor.name, namespace: monitor.namespace },
          spec: monitor.spec,
        },
        { parent: this, provider: args.provider, dependsOn: args.dependsOn },
      );
    }
    this.registerOutputs({});
  }
}
