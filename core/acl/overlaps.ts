import { Organisation, TeamApplication } from "../teams/model";
import { AclResourceType, CompiledAclRule, compileAcls } from "./compile";

/** A prefixed rule of one application that also covers a name that is not its own. */
export interface AclOverlap {
  application: TeamApplication;
  rule: CompiledAclRule;
  /** What else the prefix covers, for messages, e.g. `topic "payments.orders-v1" of team payments`. */
  covers: string;
}

/** A name some rule or topic declaration uses, in a sorted index per resource type. */
interface NameEntry {
  name: string;
  /** The application whose rule it is; undefined for a declared topic. */
  app?: TeamApplication;
  describe: string;
  /** Order of appearance, so results do not depend on sorting. */
  order: number;
}

/**
 * Prefixed rules that reach beyond their application: a prefix that matches a declared topic, or
 * a name another application uses for the same kind of resource. Such overlaps would give one
 * application access to another's data or groups, so the validator rejects them.
 * Runs in O(n log n) over all names plus the overlaps found.
 */
export function findAclOverlaps(org: Organisation): AclOverlap[] {
  const compiled = org.teams.flatMap((t) => t.applications).map((app) => ({ app, rules: compileAcls(app) }));
  const index: Record<AclResourceType, NameEntry[]> = { topic: [], group: [], transactionalId: [] };
  let order = 0;
  for (const topic of org.teams.flatMap((t) => t.topics)) {
    index.topic.push({
      name: topic.name,
      describe: `topic "${topic.name}" of team ${topic.team}`,
      order: order++,
    });
  }
  for (const { app, rules } of compiled) {
    for (const { rule, intent } of rules) {
      const { type, name, patternType } = rule.resource;
      // Literal topic rules name declared topics, which are indexed above.
      if (type === "topic" && patternType === "literal") continue;
      const what =
        type === "transactionalId"
          ? "transactional ids"
          : type === "group"
            ? intent.kind === "share-group"
              ? "share group"
              : "consumer group"
            : "topics";
      index[type].push({
        name,
        app,
        describe: `${what} "${name}" of application ${app.principal}`,
        order: order++,
      });
    }
  }
  for (const entries of Object.values(index))
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const overlaps: AclOverlap[] = [];
  for (const { app, rules } of compiled) {
    for (const r of rules.filter((c) => c.rule.resource.patternType === "prefix")) {
      const { type, name: prefix } = r.rule.resource;
      const entries = index[type];
      const covered: NameEntry[] = [];
      for (
        let i = lowerBound(entries, prefix);
        i < entries.length && entries[i].name.startsWith(prefix);
        i++
      ) {
        if (entries[i].app !== app) covered.push(entries[i]);
      }
      covered.sort((a, b) => a.order - b.order);
      overlaps.push(...covered.map((c) => ({ application: app, rule: r, covers: c.describe })));
    }
  }
  return overlaps;
}

/** The first index whose name is not below `name`. */
function lowerBound(entries: NameEntry[], name: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].name < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
