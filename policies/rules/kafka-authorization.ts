import { ResourceValidationPolicy } from "@pulumi/policy";
import { superUsers } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Clock, systemClock } from "../lib/waivers";

export function kafkaAuthorization(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"Kafka", { superUsers: string[] }>(
    {
      name: "kafka-authorization",
      description:
        "The Kafka cluster enforces ACLs with simple authorization, so users only get what their KafkaUser grants.",
      severity: "critical",
      remediationSteps: "Set spec.kafka.authorization: {type: simple, superUsers: [<platform admin>]}.",
      configSchema: {
        properties: {
          superUsers: superUsers("The only users allowed in spec.kafka.authorization.superUsers."),
        },
      },
      kind: "Kafka",
      validate(kafka, { config, report }) {
        const authorization = kafka.spec?.kafka?.authorization;
        const type = authorization?.type;
        const extra = (authorization?.superUsers ?? []).filter((u) => !config.superUsers.includes(u));
        if (extra.length > 0) {
          report(
            `Kafka "${kafka.metadata?.name}" makes ${extra.join(", ")} super user(s), bypassing every ACL; ` +
              `only ${config.superUsers.join(", ") || "(none)"} may be`,
          );
        }
        if (type !== "simple") {
          report(
            `Kafka "${kafka.metadata?.name}" has authorization ${type === undefined ? "disabled" : `"${type}"`}; ` +
              `set spec.kafka.authorization.type: simple so that KafkaUser ACLs are enforced`,
          );
        }
      },
    },
    clock,
  );
}
