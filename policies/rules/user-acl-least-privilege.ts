import { ResourceValidationPolicy } from "@pulumi/policy";
import { superUsers } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { AclRule, isInsidePrefix, prefixOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface UserAclConfig {
  allowedClusterOperations: string[];
  superUsers: string[];
}

function describe(rule: AclRule): string {
  const r = rule.resource;
  return `${r.type}${r.name !== undefined ? ` "${r.name}"` : ""}${r.patternType === "prefix" ? " (prefix)" : ""}`;
}

export function userAclLeastPrivilege(clock: Clock = systemClock): ResourceValidationPolicy {
  return resourcePolicy<"KafkaUser", UserAclConfig>(
    {
      name: "user-acl-least-privilege",
      description:
        "Kafka users have simple authorization with ACLs that name their own team's resources, never `*`, `All` or unneeded cluster operations.",
      severity: "critical",
      remediationSteps:
        "Declare access through `produces`/`consumes`/`grants` in team files instead of hand-written ACLs.",
      configSchema: {
        properties: {
          allowedClusterOperations: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            default: [],
            description: "Cluster operations (e.g. IdempotentWrite) users may be granted.",
          },
          superUsers: superUsers("Platform super users, exempt because ACLs do not apply to them."),
        },
      },
      kind: "KafkaUser",
      validate(user, { config, report }) {
        const userName = user.metadata?.name;
        if (userName !== undefined && config.superUsers.includes(userName)) return;
        const authorization = user.spec?.authorization;
        if (authorization?.type !== "simple") {
          report(
            `user "${userName}" does not use simple authorization; set spec.authorization.type: simple with ACLs`,
          );
          return;
        }
        const prefix = prefixOf(user);
        (authorization.acls ?? []).forEach((rule, i) => {
          if ((rule.type ?? "allow") !== "allow") return; // deny rules only take access away
          const where = `user "${userName}" acls[${i}] on ${describe(rule)}`;
          const operations = rule.operations ?? [];
          if (operations.includes("All")) {
            report(`${where} grants All operations; list only the operations the application needs`);
          }
          if (rule.resource.type === "cluster") {
            const extra = operations.filter((op) => !config.allowedClusterOperations.includes(op));
            if (extra.length > 0) {
              report(
                `${where} grants cluster operation(s) ${extra.join(", ")}; cluster operations are not allowed`,
              );
            }
            return;
          }
          const name = rule.resource.name;
          if (name === undefined || name === "" || name.includes("*")) {
            report(`${where} uses a wildcard name; name the exact ${rule.resource.type}`);
            return;
          }
          // Literal topics outside the prefix may be granted topics: acl-topic-references checks those.
          const literalTopic = rule.resource.type === "topic" && rule.resource.patternType !== "prefix";
          if (!literalTopic && (!prefix || !isInsidePrefix(name, prefix))) {
            report(
              `${where} is outside the team's prefix "${prefix ?? "(none)"}."; use names starting with it`,
            );
          }
        });
      },
    },
    clock,
  );
}
