import { ResourceValidationPolicy } from "@pulumi/policy";
import { AclIntentKind, INTENT_OPERATIONS, INTENT_RESOURCES } from "../../core/acl/compile";
import { superUsers } from "../lib/config";
import { resourcePolicy } from "../lib/define";
import { AclRule, isInsidePrefix, prefixOf } from "../lib/strimzi";
import { Clock, systemClock } from "../lib/waivers";

interface UserAclConfig {
  allowedClusterOperations: string[];
  superUsers: string[];
}

type PatternType = "literal" | "prefix";

const INTENTS = Object.keys(INTENT_RESOURCES) as AclIntentKind[];

function patternTypeOf(rule: AclRule): PatternType {
  return rule.resource.patternType === "prefix" ? "prefix" : "literal";
}

/** The operations the ACL compiler grants on a rule's resource: `INTENT_OPERATIONS` of every intent of that shape. */
function grantableOperations(rule: AclRule, name: string): Set<string> {
  const operations = new Set<string>();
  for (const intent of INTENTS) {
    const shape = INTENT_RESOURCES[intent];
    if (
      shape.type === rule.resource.type &&
      shape.patternType === patternTypeOf(rule) &&
      name.endsWith(shape.nameSuffix ?? "")
    ) {
      for (const op of INTENT_OPERATIONS[intent]) operations.add(op);
    }
  }
  return operations;
}

/** How the ACL compiler shapes rules on a resource type, for messages: `literal or prefixed with a name ending in "-"`. */
function formsOf(type: string): string {
  const shapes = INTENTS.map((intent) => INTENT_RESOURCES[intent]).filter((shape) => shape.type === type);
  const forms = new Set<string>();
  for (const shape of shapes) {
    // A suffix adds nothing where the same pattern type also takes any name.
    const anyName = shapes.some((s) => s.patternType === shape.patternType && !s.nameSuffix);
    const form = shape.patternType === "prefix" ? "prefixed" : "literal";
    forms.add(shape.nameSuffix && !anyName ? `${form} with a name ending in "${shape.nameSuffix}"` : form);
  }
  return [...forms].join(" or ");
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
        "Kafka users have simple authorization with ACLs that name their own team's resources with only the operations the platform's ACL compiler grants on them, never `*`, `All` or unneeded cluster operations.",
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
          if (!rule?.resource) {
            report(`user "${userName}" acls[${i}] names no resource; set resource.type and resource.name`);
            return;
          }
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
          if (typeof name !== "string" || name === "") {
            report(`${where} names no ${rule.resource.type}; name the exact ${rule.resource.type}`);
            return;
          }
          if (name.includes("*")) {
            report(`${where} uses a wildcard name; name the exact ${rule.resource.type}`);
            return;
          }
          // Literal topics outside the prefix may be granted topics: acl-topic-references checks those.
          const literalTopic = rule.resource.type === "topic" && patternTypeOf(rule) === "literal";
          if (!literalTopic && (!prefix || !isInsidePrefix(name, prefix))) {
            report(
              `${where} is outside the team's prefix "${prefix ?? "(none)"}."; use names starting with it`,
            );
            return;
          }
          const grantable = grantableOperations(rule, name);
          const excess = operations.filter((op) => op !== "All" && !grantable.has(op));
          if (excess.length === 0) return;
          const type = rule.resource.type;
          const what = `operation(s) ${excess.join(", ")}`;
          const shape = `${patternTypeOf(rule) === "prefix" ? "prefixed" : "literal"} ${type}`;
          if (grantable.size > 0) {
            report(
              `${where} grants ${what}, which the platform never grants on a ${shape}; allow only ${[...grantable].sort().join(", ")}`,
            );
          } else {
            const forms = formsOf(type);
            report(
              `${where} grants ${what}, but the platform grants nothing on a ${shape}` +
                (forms ? `; its ${type} ACLs are ${forms}` : ""),
            );
          }
        });
      },
    },
    clock,
  );
}
