import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourcePolicy } from "../lib/define";
import { Clock, systemClock } from "../lib/waivers";

export function kafkaAuthorization(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"Kafka", Record<string, never>>(
    {
      name: "kafka-authorization",
      description:
        "The Kafka cluster enforces ACLs with simple authorization, so users only get what their KafkaUser grants.",
      severity: "critical",
      remediationSteps: "Set spec.kafka.authorization: {type: simple, superUsers: [<platform admin>]}.",
      configSchema: { properties: {} },
      kind: "Kafka",
      validate(kafka, { report }) {
        const type = kafka.spec?.kafka?.authorization?.type;
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
