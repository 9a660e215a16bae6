import { ResourceValidationPolicy } from "@pulumi/policy";
import { environments } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { Environment } from "../lib/environment";
import { Storage } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface KafkaStorageConfig {
  persistentIn: Environment[];
  keepClaimsIn: Environment[];
}

/** The leaf volumes of a storage definition (JBOD volumes, or the storage itself). */
function volumesOf(storage: Storage): Storage[] {
  return storage.type === "jbod" ? (storage.volumes ?? []) : [storage];
}

export function kafkaStorage(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaNodePool", KafkaStorageConfig>(
    {
      name: "kafka-storage",
      description:
        "Kafka node pools store data on persistent volumes that outlive the pods and the cluster resource.",
      severity: "critical",
      remediationSteps: "Use persistent-claim (or jbod of persistent-claim) storage with deleteClaim: false.",
      configSchema: {
        properties: {
          persistentIn: environments(
            ["dev", "prod"],
            "Environments in which storage must be persistent-claim.",
          ),
          keepClaimsIn: environments(["prod"], "Environments in which deleteClaim must be false."),
        },
      },
      kind: "KafkaNodePool",
      validate(pool, { config, environment, report }) {
        const where = `KafkaNodePool "${pool.metadata?.name}"`;
        const storage = pool.spec?.storage;
        if (!storage) {
          report(`${where} declares no spec.storage`);
          return;
        }
        const volumes = volumesOf(storage);
        if (volumes.length === 0) report(`${where} has jbod storage without volumes`);
        volumes.forEach((volume, i) => {
          const which = storage.type === "jbod" ? ` volume ${i}` : "";
          if (config.persistentIn.includes(environment) && volume.type !== "persistent-claim") {
            report(
              `${where}${which} uses ${volume.type} storage, which is lost with the pod; use persistent-claim`,
            );
          }
          if (config.keepClaimsIn.includes(environment) && volume.deleteClaim === true) {
            report(
              `${where}${which} has deleteClaim: true, so deleting the cluster deletes its data; set deleteClaim: false`,
            );
          }
        });
      },
    },
    clock,
  );
}
