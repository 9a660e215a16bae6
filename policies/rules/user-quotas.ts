import { ResourceValidationPolicy } from "@pulumi/policy";
import { environments, superUsers } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { Clock, systemClock } from "../lib/waivers";

interface UserQuotasConfig {
  environments: Environment[];
  requiredQuotas: string[];
  superUsers: string[];
}

export function userQuotas(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaUser", UserQuotasConfig>(
    {
      name: "user-quotas",
      description:
        "In quota-enforcing environments every Kafka user has client quotas, so no application can starve the others.",
      severity: "medium",
      remediationSteps:
        "Set `quotas` on the team or the application in the team file (or rely on the stack's default quotas).",
      configSchema: {
        properties: {
          environments: environments(["prod"], "Environments in which quotas are required."),
          requiredQuotas: {
            type: "array",
            items: {
              type: "string",
              enum: ["producerByteRate", "consumerByteRate", "requestPercentage", "controllerMutationRate"],
            },
            uniqueItems: true,
            default: ["producerByteRate", "consumerByteRate"],
            description: "spec.quotas fields every user must set.",
          },
          superUsers: superUsers("Platform super users (operations tooling), exempt from quotas."),
        },
      },
      kind: "KafkaUser",
      validate(user, { config, environment, report }) {
        if (!config.environments.includes(environment)) return;
        if (config.superUsers.includes(user.metadata?.name ?? "")) return;
        const quotas = user.spec?.quotas ?? {};
        const missing = config.requiredQuotas.filter((q) => typeof quotas[q] !== "number");
        if (missing.length > 0) {
          report(
            `user "${user.metadata?.name}" has no ${missing.join(", ")} quota in ${environment}; ` +
              `set \`quotas\` for its application or team`,
          );
        }
      },
    },
    clock,
  );
}
