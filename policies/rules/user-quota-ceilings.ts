import { ResourceValidationPolicy } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { superUsers } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { ENVIRONMENTS, PerEnvironment } from "../lib/environment";
import { Clock, systemClock } from "../lib/waivers";

const QUOTA_FIELDS = [
  "producerByteRate",
  "consumerByteRate",
  "requestPercentage",
  "controllerMutationRate",
] as const;
type Ceilings = Partial<Record<(typeof QUOTA_FIELDS)[number], number>>;

interface UserQuotaCeilingsConfig {
  ceilings: PerEnvironment<Ceilings>;
  superUsers: string[];
}

const MIB = 1024 * 1024;

const CEILINGS: PolicyConfigJSONSchema = {
  type: "object",
  properties: Object.fromEntries(QUOTA_FIELDS.map((q) => [q, { type: "number", minimum: 0 }])),
  additionalProperties: false,
};

export function userQuotaCeilings(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaUser", UserQuotaCeilingsConfig>(
    {
      name: "user-quota-ceilings",
      description:
        "No application's quotas exceed the environment's ceilings, so no team can claim the brokers for itself.",
      severity: "high",
      remediationSteps:
        "Lower `quotas` of the application or team in its team file, or agree higher ceilings with the platform team (policy config).",
      configSchema: {
        properties: {
          ceilings: {
            type: "object",
            properties: Object.fromEntries(ENVIRONMENTS.map((env) => [env, CEILINGS])),
            additionalProperties: false,
            default: {
              dev: {
                producerByteRate: 10 * MIB,
                consumerByteRate: 20 * MIB,
                requestPercentage: 100,
                controllerMutationRate: 50,
              },
              prod: {
                producerByteRate: 50 * MIB,
                consumerByteRate: 100 * MIB,
                requestPercentage: 200,
                controllerMutationRate: 100,
              },
            },
            description:
              "Largest value of each spec.quotas field per environment (bytes/s, percent, mutations/s).",
          },
          superUsers: superUsers("Platform super users (operations tooling), exempt from the ceilings."),
        },
      },
      kind: "KafkaUser",
      validate(user, { config, environment, report }) {
        if (config.superUsers.includes(user.metadata?.name ?? "")) return;
        const quotas = user.spec?.quotas ?? {};
        const ceilings = config.ceilings[environment] ?? {};
        for (const field of QUOTA_FIELDS) {
          const value = quotas[field];
          const ceiling = ceilings[field];
          if (ceiling === undefined) continue;
          // Kafka has no limit for an unset quota, and an application's quotas replace its
          // team's as a whole: leaving a field out must not escape the ceiling.
          if (typeof value !== "number") {
            report(
              `user "${user.metadata?.name}" sets no ${field} (no limit), above the ${environment} ceiling of ${ceiling}; set \`quotas.${field}\``,
            );
          } else if (value > ceiling) {
            report(
              `user "${user.metadata?.name}" has ${field} ${value}, above the ${environment} ceiling of ${ceiling}; lower \`quotas.${field}\``,
            );
          }
        }
      },
    },
    clock,
  );
}
