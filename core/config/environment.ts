import { z } from "zod";

/** The platform environments; each stack is one of them. */
export const Environment = z.enum(["dev", "prod"]);
export type Environment = z.infer<typeof Environment>;

/** A Kubernetes resource request/limit pair, e.g. `{cpu: "2", memory: "8Gi"}`. */
export const ResourceQuantities = z.strictObject({
  cpu: z.string().optional().describe("CPU quantity, e.g. `500m` or `2`."),
  memory: z.string().optional().describe("Memory quantity, e.g. `4Gi`."),
});

/** Requests and limits for a container. */
export const ContainerResources = z.strictObject({
  requests: ResourceQuantities.optional(),
  limits: ResourceQuantities.optional(),
});
export type ContainerResources = z.infer<typeof ContainerResources>;

/** A Kubernetes namespace name (DNS-1123 label). */
export const KubernetesNamespace = z
  .string()
  .regex(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name (DNS-1123 label)");

/** A Kubernetes storage size such as `100Gi`. */
export const StorageSize = z.string().regex(/^[0-9]+(Mi|Gi|Ti)$/, "a size such as 100Gi");

/** A CIDR block such as `10.0.0.0/16`. */
export const Cidr = z
  .string()
  .regex(/^([0-9]{1,3}\.){3}[0-9]{1,3}\/([0-9]|[12][0-9]|3[0-2])$/, "an IPv4 CIDR such as 10.0.0.0/16");
