import { findTopic, Organisation, TeamApplication } from "../teams/model";
import { CompiledAclRule, compileAcls } from "./compile";

/** A prefixed rule of one application that also covers a name that is not its own. */
export interface AclOverlap {
  application: TeamApplication;
  rule: CompiledAclRule;
  /** What else the prefix covers, for messages, e.g. `topic "payments.orders-v1" of team payments`. */
  covers: string;
}

/**
 * Prefixed rules that reach beyond their application: a prefix that matches a declared topic, or
 * a name another application uses for the same kind of resource. Such overlaps would give one
 * application access to another's data or groups, so the validator rejects them.
 */
export function findAclOverlaps(org: Organisation): AclOverlap[] {
  const compiled = org.teams.flatMap((t) => t.applications).map((app) => ({ app, rules: compileAcls(app) }));
  const overlaps: AclOverlap[] = [];
  for (const { app, rules } of compiled) {
    for (const r of rules.filter((c) => c.rule.resource.patternType === "prefix")) {
      const { type, name: prefix } = r.rule.resource;
      if (type === "topic") {
        for (const topic of org.teams.flatMap((t) => t.topics)) {
          if (topic.name.startsWith(prefix)) {
            overlaps.push({
              application: app,
              rule: r,
              covers: `topic "${topic.name}" of team ${topic.team}`,
            });
          }
        }
      }
      for (const other of compiled) {
        if (other.app === app) continue;
        for (const o of other.rules) {
          const res = o.rule.resource;
          if (res.type !== type || !res.name.startsWith(prefix)) continue;
          if (type === "topic" && res.patternType === "literal" && findTopic(org, res.name)) continue; // reported above
          overlaps.push({
            application: app,
            rule: r,
            covers: `${type === "transactionalId" ? "transactional ids" : type === "group" ? "consumer group" : "topics"} "${res.name}" of application ${other.app.principal}`,
          });
        }
      }
    }
  }
  return overlaps;
}
