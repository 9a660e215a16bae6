import type { ConfigSource, PlatformConfig } from "../config";
import { CONFIG_NAMESPACE } from "../config/schema";
import type { Problem } from "../errors";
import { locate } from "../validation/yaml-source";

/**
 * Rules on the Kafka configuration that depend on the environment or span sections; the schema
 * checks each field on its own. Returns the problems (empty when the configuration is acceptable).
 */
export function kafkaConfigProblems(config: PlatformConfig, source: ConfigSource): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => {
    const [key, ...rest] = path.split(".");
    const position = source.yaml && locate(source.yaml, ["config", `${CONFIG_NAMESPACE}:${key}`, ...rest]);
    problems.push({ file: source.file, ...position, path: `${CONFIG_NAMESPACE}:${path}`, message });
  };
  const { kafka, strimzi } = config;
  if (strimzi.namespace === kafka.namespace) {
    add(
      "strimzi.namespace",
      `must differ from kafka.namespace "${kafka.namespace}" (the operator's chart binds its roles twice otherwise)`,
    );
  }
  if (config.environment !== "prod") return problems;
  if (kafka.controllers.replicas < 3) {
    add(
      "kafka.controllers.replicas",
      `${kafka.controllers.replicas} is too few for prod; a KRaft quorum that survives a zone needs 3`,
    );
  }
  if (kafka.brokers.replicas < 3) {
    add(
      "kafka.brokers.replicas",
      `${kafka.brokers.replicas} is too few for prod; at least 3 brokers are needed`,
    );
  }
  if (kafka.deleteClaim) {
    add("kafka.deleteClaim", "must be false in prod; volumes must outlive the Kafka resource");
  }
  if (kafka.replication.minInsyncReplicas < 2) {
    add(
      "kafka.replication.minInsyncReplicas",
      "must be at least 2 in prod, or an acknowledged write may exist on one broker only",
    );
  }
  return problems;
}
