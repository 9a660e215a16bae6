import { StackValidationPolicy } from "@pulumi/policy";
import { StackResource, stackPolicy } from "../lib/define";
import { ancestorsOf, clusterOf, prefixOwners, teamOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

export function topicSingleOwner(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<Record<string, never>>(
    {
      name: "topic-single-owner",
      description: "Every topic is declared once, by exactly one team, inside no other team's prefix.",
      severity: "critical",
      remediationSteps: "Declare each topic in exactly one team file, under that team's prefix.",
      configSchema: { properties: {} },
      validate({ KafkaTopic, KafkaUser }, { report }) {
        const owners = prefixOwners([...KafkaTopic, ...KafkaUser] as StackResource[]);
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
            const owner = owners.get(ancestor)?.team;
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
