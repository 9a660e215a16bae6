import { StackValidationPolicy } from "@pulumi/policy";
import { AclIntentKind, INTENT_OPERATIONS } from "../../core/acl/compile";
import { GRANTS_ANNOTATION } from "../../core/labels";
import { stackPolicy } from "../lib/define";
import { annotationOf, clusterOf, KafkaTopic, prefixOf, teamOf, topicNameOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

type Access = "read" | "write";

interface Grant {
  team: string;
  access: string;
}

/** The intent of the ACL compiler an application uses a grant for: it consumes with read, produces with write. */
const GRANT_INTENTS: Record<Access, AclIntentKind> = { read: "consume", write: "produce" };

/** Operations another team's topic can be granted for, each with the accesses that grant it. */
const GRANTABLE = new Map<string, Access[]>();
for (const [access, intent] of Object.entries(GRANT_INTENTS) as [Access, AclIntentKind][]) {
  for (const op of INTENT_OPERATIONS[intent]) GRANTABLE.set(op, [...(GRANTABLE.get(op) ?? []), access]);
}

/** `Read, Describe and Write` */
function listed(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`
    : items.join("");
}

/** The grants on a topic; unreadable annotations and malformed entries yield none. */
function grantsOf(topic: KafkaTopic): Grant[] {
  try {
    const parsed: unknown = JSON.parse(annotationOf(topic, GRANTS_ANNOTATION) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((g): g is Grant => typeof g?.team === "string" && typeof g?.access === "string")
      : [];
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
      validate({ Kafka, KafkaTopic, KafkaUser }, { report }) {
        // A team stack of the split layout (docs/stacks.md) holds no Kafka cluster, and of the
        // organisation only its own teams: a topic outside their prefixes is another stack's, checked
        // where the whole organisation is (`kafka-platform policy`, and the program's validation).
        const teamStack = Kafka.length === 0;
        const prefixes = new Set(KafkaUser.map((u) => prefixOf(u.object)).filter((p) => p !== undefined));
        const inThisStack = (topic: string) => [...prefixes].some((p) => topic.startsWith(`${p}.`));
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
            if (!rule?.resource) return; // user-acl-least-privilege reports it
            const { type, name, patternType } = rule.resource;
            if (type !== "topic" || patternType === "prefix" || !name || (rule.type ?? "allow") !== "allow")
              return;
            const where = `user "${userName}" acls[${i}] on topic "${name}"`;
            const topic = topics.get(`${cluster}/${name}`);
            if (!topic) {
              if (teamStack && !inThisStack(name)) return;
              report(user, `${where} refers to a topic no team declares; declare it or remove the access`);
              return;
            }
            if (topic.team === team) return;
            for (const op of rule.operations ?? []) {
              const needed = GRANTABLE.get(op);
              if (!needed) {
                report(
                  user,
                  `${where} grants ${op} on team "${topic.team}"'s topic; only ${listed([...GRANTABLE.keys()])} can be granted`,
                );
              } else if (
                !topic.grants.some((g) => g.team === team && (needed as string[]).includes(g.access))
              ) {
                report(
                  user,
                  `${where} needs ${needed.join(" or ")} access to team "${topic.team}"'s topic for ${op}, ` +
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
