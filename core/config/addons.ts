import { z } from "zod";
import { Environment } from "./environment";

/** Optional add-ons, off by default. */
export const AddonsConfig = z.strictObject({
  argocd: z.strictObject({ enabled: z.boolean() }).describe("Argo CD for team applications."),
  keycloak: z.strictObject({ enabled: z.boolean() }).describe("Keycloak (OIDC) for Kafka authentication."),
});
export type AddonsConfig = z.infer<typeof AddonsConfig>;

export function addonsDefaults(_env: Environment): Record<string, unknown> {
  return { argocd: { enabled: false }, keycloak: { enabled: false } };
}
