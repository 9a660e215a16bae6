import { StackValidationPolicy } from "@pulumi/policy";
import { StackResource, stackPolicy } from "../lib/define";
import { clusterOf, prefixOf, teamOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";
import { ancestorsOf } from "./team-prefix-overlap";

export function topicSingleOwner(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<Record<string, never>>(
    {
      name: "topic-single-owner",
      description: "Every topic is declared once, by exactly one team, inside no other team's prefix.",
      severity: "critical",
      remediationSteps: "Declare each topic in exactly one team file, under that team's prefix.",
      configSchema: { properties: {} },
      validate({ KafkaTopic, KafkaUser }, { report }) {
        const prefixOwners = new Map<string, string>();
        for (const r of [...KafkaTopic, ...KafkaUser] as StackResource[]) {
          const team = teamOf(r.object);
          const prefix = prefixOf(r.object);
          if (team && prefix && !prefixOwners.has(prefix)) prefixOwners.set(prefix, team);
        }
        const declared = new Map<string, StackResource<"KafkaTopic">>();
        for (const topic of KafkaTopic) {
          const name = topicNameOf(topic.object);
          const team = teamOf(topic.object);
          if (!team) {
            report(
              topic,
              `topic "${name}" has no owning team (label kafka-platform.io/team); declare it in a team file`,
            );
            continue;
          }
          const key = `${clusterOf(topic.object, "KafkaTopic")}/${name}`;
          const first = declared.get(key);
          if (first) {
            report(
              topic,
              `topic "${name}" is declared by team "${team}" and again by team "${teamOf(first.object)}"; keep one declaration`,
            );
          } else {
            declared.set(key, topic);
          }
          for (const ancestor of ancestorsOf(name)) {
            const owner = prefixOwners.get(ancestor);
            if (owner && owner !== team) {
              report(
                topic,
                `topic "${name}" of team "${team}" lies inside team "${owner}"'s prefix "${ancestor}."; only "${owner}" may declare it`,
              );
            }
          }
        }
      },
    },
    clock,
  );
}
