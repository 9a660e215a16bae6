import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../lib/define";
import { Clock, systemClock } from "../lib/waivers";

interface UserAuthenticationConfig {
  allowedTypes: string[];
}

export function userAuthentication(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaUser", UserAuthenticationConfig>(
    {
      name: "user-authentication",
      description: "Every Kafka user authenticates with SCRAM-SHA-512 or TLS client certificates.",
      severity: "critical",
      remediationSteps: "Declare applications in team files; the team component creates SCRAM-SHA-512 users.",
      configSchema: {
        properties: {
          allowedTypes: {
            type: "array",
            items: { type: "string", enum: ["scram-sha-512", "tls", "tls-external"] },
            uniqueItems: true,
            default: ["scram-sha-512", "tls"],
            description: "Allowed spec.authentication.type values.",
          },
        },
      },
      kind: "KafkaUser",
      validate(user, { config, report }) {
        const type = user.spec?.authentication?.type;
        if (type === undefined || !config.allowedTypes.includes(type)) {
          report(
            `user "${user.metadata?.name}" authenticates with ${type === undefined ? "nothing" : `"${type}"`}; ` +
              `set spec.authentication.type to one of ${config.allowedTypes.join(", ")}`,
          );
        }
      },
    },
    clock,
  );
}
