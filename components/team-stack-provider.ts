import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterProviderSettings, clusterProviderInputs } from "../core/cluster/provider-settings";

/** What a team stack reads of its platform stack's outputs (`kafka-platform up` passes them). */
export interface PlatformAccess {
  /** The platform stack's `kubeconfig` output (kept a secret here). */
  kubeconfig: string;
  /** The platform stack's `kafkaClusterCaCert` output: the Kafka cluster CA (PEM). */
  kafkaClusterCaCert: string;
  /** The platform stack's `clusterProvider` output: how its Kubernetes provider was made, and its URN. */
  clusterProvider: ClusterProviderSettings & { urn: string };
}

/** `urn` as it reads in this stack: `pulumi state move` renames only the stack and project. */
export function inThisStack(urn: string): string {
  const rest = urn.split("::").slice(2).join("::");
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${rest}`;
}

/**
 * The team stack's Kubernetes provider: the platform's provider, made with the same inputs. Its
 * alias is the URN the platform's provider has once `kafka-platform migrate-stacks` copied it into
 * this stack, so the moved resources keep their provider (no diff, no replacement).
 */
export function teamStackProvider(access: PlatformAccess): k8s.Provider {
  const settings = access.clusterProvider;
  return new k8s.Provider(settings.name, clusterProviderInputs(pulumi.secret(access.kubeconfig), settings), {
    aliases: [inThisStack(settings.urn)],
  });
}
