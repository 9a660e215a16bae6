import { ResourceValidationPolicy } from "@pulumi/policy";
import { isStrimziOAuthListener } from "../../core/strimzi/oauth-listener";
import { environments } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { Clock, systemClock } from "../lib/waivers";

interface ListenerSecurityConfig {
  allowedAuthentication: string[];
  tlsRequiredIn: Environment[];
}

export function kafkaListenerSecurity(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"Kafka", ListenerSecurityConfig>(
    {
      name: "kafka-listener-security",
      description:
        "Every Kafka listener authenticates its clients, and listeners other than OAuth ones (see oauth-listener-tls) use TLS where the environment requires it.",
      severity: "critical",
      remediationSteps:
        "Give each listener `authentication: {type: scram-sha-512}` (or tls) and `tls: true`.",
      configSchema: {
        properties: {
          allowedAuthentication: {
            type: "array",
            items: { type: "string", enum: ["scram-sha-512", "tls", "oauth", "custom"] },
            uniqueItems: true,
            default: ["scram-sha-512", "tls", "oauth"],
            description:
              "Allowed listener authentication types; `oauth` is a `custom` listener with the Strimzi OAuth library (Keycloak add-on).",
          },
          tlsRequiredIn: environments(["prod"], "Environments in which every listener must use TLS."),
        },
      },
      kind: "Kafka",
      validate(kafka, { config, environment, report }) {
        const cluster = kafka.metadata?.name;
        const listeners = kafka.spec?.kafka?.listeners ?? [];
        if (listeners.length === 0)
          report(`Kafka "${cluster}" declares no listeners in spec.kafka.listeners`);
        for (const listener of listeners) {
          const where = `Kafka "${cluster}" listener "${listener.name}" (port ${listener.port})`;
          const oauth = isStrimziOAuthListener(listener);
          const auth = oauth ? "oauth" : listener.authentication?.type;
          if (auth === undefined) {
            report(`${where} accepts unauthenticated clients; set authentication.type: scram-sha-512`);
          } else if (!config.allowedAuthentication.includes(auth)) {
            report(
              `${where} uses authentication "${auth}"; use one of ${config.allowedAuthentication.join(", ")}`,
            );
          }
          // The OAuth listener's TLS is oauth-listener-tls's finding (reported once, there).
          if (!oauth && config.tlsRequiredIn.includes(environment) && listener.tls !== true) {
            report(`${where} is not encrypted; set tls: true (required in ${environment})`);
          }
        }
      },
    },
    clock,
  );
}
