import { z } from "zod";
import { DURATION } from "../teams/duration";
import { Environment } from "./environment";

/** Client quotas (Strimzi KafkaUser `spec.quotas`). */
export const Quotas = z.strictObject({
  producerByteRate: z.number().int().min(0).optional(),
  consumerByteRate: z.number().int().min(0).optional(),
  requestPercentage: z.number().int().min(0).optional(),
  controllerMutationRate: z.number().min(0).optional(),
});
export type Quotas = z.infer<typeof Quotas>;

/** Topic classifications a platform starts with, least to most sensitive (catalog). */
export const DEFAULT_CLASSIFICATIONS = ["public", "internal", "confidential", "personal-data"] as const;

/** How team files become topics and users in this environment. */
export const TeamsConfig = z.strictObject({
  dir: z.string().describe("Directory of team files, relative to the project (CLI: --teams)."),
  topicDefaults: z
    .strictObject({
      partitions: z.number().int().min(1),
      replicas: z.number().int().min(1),
      retention: z
        .string()
        .regex(DURATION, "a duration such as 7d (units s, m, h, d, w)")
        .describe("Default retention as a duration, e.g. 7d."),
      minInsyncReplicas: z.number().int().min(1),
    })
    .describe("Defaults for topics that do not set these."),
  protectTopics: z
    .boolean()
    .describe("Pulumi `protect` for topics with `deletion: protect` (always true in prod)."),
  defaultQuotas: Quotas.describe("Quotas for applications whose team declares none."),
  classifications: z
    .array(z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "a lower-case word such as internal"))
    .min(1)
    .refine((list) => new Set(list).size === list.length, "must not repeat a classification")
    .describe("Topic classifications team files may use (catalog), least to most sensitive."),
});
export type TeamsConfig = z.infer<typeof TeamsConfig>;

export function teamsDefaults(env: Environment): Record<string, unknown> {
  const prod = env === "prod";
  return {
    dir: "teams",
    topicDefaults: prod
      ? { partitions: 6, replicas: 3, retention: "7d", minInsyncReplicas: 2 }
      : { partitions: 1, replicas: 1, retention: "1d", minInsyncReplicas: 1 },
    protectTopics: prod,
    classifications: [...DEFAULT_CLASSIFICATIONS],
    defaultQuotas: prod
      ? {
          producerByteRate: 1048576,
          consumerByteRate: 2097152,
          requestPercentage: 25,
          controllerMutationRate: 10,
        }
      : {
          producerByteRate: 5242880,
          consumerByteRate: 10485760,
          requestPercentage: 50,
          controllerMutationRate: 10,
        },
  };
}
