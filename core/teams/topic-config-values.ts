/**
 * Topic `config` values checked against Kafka's own definitions (type, allowed values, range) of
 * the stack's Kafka version, so that `check` and the program refuse what the broker would refuse
 * only at deploy time, after other teams' changes in the same run.
 */
import { Problem } from "../errors";
import { topicConfigTable, topicConfigValueProblem } from "../kafka-configs/topic-configs";
import { problemAt, ValidTeamFile } from "./rules";

export function topicConfigValueProblems(files: readonly ValidTeamFile[], kafkaVersion: string): Problem[] {
  const table = topicConfigTable(kafkaVersion);
  if (!table) return []; // The policy pack reports a Kafka version without definitions.
  const problems: Problem[] = [];
  for (const f of files) {
    for (const [i, topic] of (f.data.topics ?? []).entries()) {
      for (const [name, value] of Object.entries(topic.config ?? {})) {
        const def = table.configs[name];
        if (value === undefined || !def) continue;
        const message = topicConfigValueProblem(name, value, def);
        if (message) problems.push(problemAt(f, ["topics", i, "config", name], message));
      }
    }
  }
  return problems;
}
