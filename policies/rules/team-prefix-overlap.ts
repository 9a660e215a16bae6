import { StackValidationPolicy } from "@pulumi/policy";
import { StackResource, stackPolicy } from "../lib/define";
import { ancestorsOf, prefixOwners } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

export function teamPrefixOverlap(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<Record<string, never>>(
    {
      name: "team-prefix-overlap",
      description:
        "No two teams own overlapping name prefixes, so every Kafka name has exactly one owning team.",
      severity: "critical",
      remediationSteps: "Give one of the teams a distinct `prefix` in its team file.",
      configSchema: { properties: {} },
      validate({ KafkaTopic, KafkaUser }, { report }) {
        // One pass to index prefix → owning team, then one lookup per ancestor segment of each prefix.
        const reported = new Set<string>();
        const overlap = (
          resource: StackResource,
          team: string,
          prefix: string,
          other: { team: string },
          otherPrefix: string,
        ) => {
          const key = [team, other.team].sort().join("|");
          if (reported.has(key)) return;
          reported.add(key);
          report(
            resource,
            prefix === otherPrefix
              ? `teams "${other.team}" and "${team}" both use the prefix "${prefix}"; give each team its own prefix`
              : `team "${team}" prefix "${prefix}" lies inside team "${other.team}"'s prefix "${otherPrefix}"; choose a prefix outside it`,
          );
        };
        const owners = prefixOwners(
          [...KafkaTopic, ...KafkaUser] as StackResource[],
          (resource, team, prefix, owner) => overlap(resource, team, prefix, owner, prefix),
        );
        for (const [prefix, { team, resource }] of owners) {
          for (const ancestor of ancestorsOf(prefix)) {
            const owner = owners.get(ancestor);
            if (owner && owner.team !== team) overlap(resource, team, prefix, owner, ancestor);
          }
        }
      },
    },
    clock,
  );
}
