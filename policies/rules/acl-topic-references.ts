import { StackValidationPolicy } from "@pulumi/policy";
import { GRANTS_ANNOTATION } from "../../core/labels";
import { stackPolicy } from "../lib/define";
import { annotationOf, clusterOf, KafkaTopic, teamOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface Grant {
  team: string;
  access: string;
}

/** Operations another team's topic can be granted for, and the access each needs (undefined: any grant). */
const GRANTABLE: Record<string, "read" | "write" | undefined> = {
  Read: "read",
  Write: "write",
  Describe: undefined,
  DescribeConfigs: undefined,
};

function grantsOf(topic: KafkaTopic): Grant[] {
  try {
    const parsed: unknown = JSON.parse(annotationOf(topic, GRANTS_ANNOTATION) ?? "[]");
    return Array.isArray(parsed) ? (parsed as Grant[]) : [];
  } catch {
    return [];
  }
}

export function aclTopicReferences(clock: Clock = systemClock): StackValidationPolicy {
  return stackPolicy<Record<string, never>>(
    {
      name: "acl-topic-references",
      description:
        "Every literal topic ACL names a topic declared in the stack, and other teams' topics only with access their owner granted.",
      severity: "high",
      remediationSteps:
        "Declare the topic, or ask its owning team to add a `grants` entry for your team with the access you need.",
      configSchema: { properties: {} },
      validate({ KafkaTopic, KafkaUser }, { report }) {
        // Index topics once by cluster/name; each ACL rule is then one lookup.
        const topics = new Map<string, { team?: string; grants: Grant[] }>();
        for (const t of KafkaTopic) {
          topics.set(`${clusterOf(t.object, "KafkaTopic")}/${topicNameOf(t.object)}`, {
            team: teamOf(t.object),
            grants: grantsOf(t.object),
          });
        }
        for (const user of KafkaUser) {
          const userName = user.object.metadata?.name;
          const team = teamOf(user.object);
          const cluster = clusterOf(user.object, "KafkaUser");
          (user.object.spec?.authorization?.acls ?? []).forEach((rule, i) => {
            const { type, name, patternType } = rule.resource;
            if (type !== "topic" || patternType === "prefix" || !name || (rule.type ?? "allow") !== "allow")
              return;
            const where = `user "${userName}" acls[${i}] on topic "${name}"`;
            const topic = topics.get(`${cluster}/${name}`);
            if (!topic) {
              report(user, `${where} refers to a topic no team declares; declare it or remove the access`);
              return;
            }
            if (topic.team === team) return;
            for (const op of rule.operations ?? []) {
              const needed = GRANTABLE[op];
              const granted = topic.grants.some(
                (g) => g.team === team && (needed === undefined || g.access === needed),
              );
              if (!(op in GRANTABLE)) {
                report(
                  user,
                  `${where} grants ${op} on team "${topic.team}"'s topic; only Read, Write and Describe can be granted`,
                );
              } else if (!granted) {
                report(
                  user,
                  `${where} needs ${needed ?? "read or write"} access to team "${topic.team}"'s topic for ${op}, ` +
                    `but "${topic.team}" has not granted it to team "${team}"; ask for a \`grants\` entry`,
                );
              }
            }
          });
        }
      },
    },
    clock,
  );
}
