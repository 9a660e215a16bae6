/**
 * Rules that span fields, files or teams, applied after each file passed its schema. Each rule
 * reports located problems that name the offending value; all rules run, so every problem is
 * reported at once.
 */
import { Problem } from "../errors";
import { applicationId, principalName, topicResourceName } from "../strimzi/names";
import { didYouMean } from "../validation/suggest";
import { locate, PathSegment, YamlSource } from "../validation/yaml-source";
import { formatPath } from "../validation/zod-problems";
import { TeamFile } from "./schema";

/** One team file after parsing; `data` is set when it passed the schema. */
export interface ParsedTeamFile {
  /** The file as shown in messages, e.g. `teams/payments.yaml`. */
  file: string;
  /** The file name without extension: the team the file must declare. */
  baseName: string;
  source: YamlSource;
  data?: TeamFile;
}

/** A file that passed its schema. */
export type ValidTeamFile = ParsedTeamFile & { data: TeamFile };

/** Reserved for the system and the platform: no team may take them as its namespace. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export function problemAt(
  f: ParsedTeamFile,
  path: readonly PathSegment[],
  message: string,
  opts: { key?: boolean } = {},
): Problem {
  const pos = locate(f.source, path, opts);
  return { file: f.file, line: pos?.line, col: pos?.col, path: formatPath(path), message };
}

/** `teams/x.yaml:12` of a path, for messages that point at a second place. */
export function whereIs(f: ParsedTeamFile, path: readonly PathSegment[]): string {
  const pos = locate(f.source, path);
  return pos ? `${f.file}:${pos.line}` : f.file;
}

export function teamPrefix(t: TeamFile): string {
  return t.prefix ?? t.team;
}

interface Declared {
  team: string;
  file: ValidTeamFile;
  index: number;
}

export interface RuleOptions {
  /** Every file read parsed and passed its schema: references to other teams can be resolved. */
  complete: boolean;
  /** Team names that exist (every file's base name, valid or not). */
  teamNames: string[];
  /** Namespaces no team may use (system and platform namespaces). */
  reservedNamespaces: string[];
  /** Principals (KafkaUser names) the platform uses itself, e.g. its admin. */
  reservedPrincipals: string[];
}

export function crossFileProblems(files: ValidTeamFile[], opts: RuleOptions): Problem[] {
  const problems: Problem[] = [];
  const topics = new Map<string, Declared>();
  // Topic names with "." as "_": Kafka refuses a topic whose name collides with another's this way.
  const collisionKeys = new Map<string, Declared>();
  problems.push(...duplicateTeamProblems(files));
  for (const f of files) problems.push(...teamProblems(f, topics, collisionKeys));
  problems.push(...prefixProblems(files));
  problems.push(...namespaceProblems(files, opts.reservedNamespaces));
  problems.push(...principalProblems(files, opts.reservedPrincipals));
  for (const f of files) problems.push(...grantProblems(f, topics, opts), ...accessProblems(f, topics, opts));
  return problems;
}

/** A team has one file (`payments.yaml` and `payments.yml` side by side declare it twice). */
function duplicateTeamProblems(files: ValidTeamFile[]): Problem[] {
  const first = new Map<string, ValidTeamFile>();
  const problems: Problem[] = [];
  for (const f of files) {
    const other = first.get(f.data.team);
    if (other) {
      problems.push(
        problemAt(
          f,
          ["team"],
          `team "${f.data.team}" is already declared in ${other.file}; a team has one file`,
        ),
      );
    } else {
      first.set(f.data.team, f);
    }
  }
  return problems;
}

/** Rules within one team file, plus topic names that clash with earlier files. */
function teamProblems(
  f: ValidTeamFile,
  topics: Map<string, Declared>,
  collisionKeys: Map<string, Declared>,
): Problem[] {
  const problems: Problem[] = [];
  const t = f.data;
  const prefix = teamPrefix(t);
  if (t.team !== f.baseName) {
    problems.push(
      problemAt(
        f,
        ["team"],
        `"${t.team}" does not match the file name; the file of team "${t.team}" is ${t.team}.yaml (or set team: ${f.baseName})`,
      ),
    );
  }
  const resourceNames = new Map<string, string>();
  for (const [i, topic] of (t.topics ?? []).entries()) {
    const path = ["topics", i, "name"];
    if (!topic.name.startsWith(`${prefix}.`)) {
      problems.push(
        problemAt(
          f,
          path,
          `"${topic.name}" is outside the team's prefix; topic names must start with "${prefix}."`,
        ),
      );
    }
    const earlier = topics.get(topic.name);
    if (earlier) {
      problems.push(
        problemAt(
          f,
          path,
          earlier.team === t.team
            ? `"${topic.name}" is declared twice (first at ${whereIs(earlier.file, ["topics", earlier.index, "name"])})`
            : `"${topic.name}" is already declared by team "${earlier.team}" (${whereIs(earlier.file, ["topics", earlier.index, "name"])}); topic names are unique across all teams`,
        ),
      );
      continue;
    }
    const declared = { team: t.team, file: f, index: i };
    topics.set(topic.name, declared);
    // Kafka refuses topics whose names differ only in "." versus "_" (they share metric names).
    const collisionKey = topic.name.replace(/\./g, "_");
    const colliding = collisionKeys.get(collisionKey);
    if (colliding) {
      const other = colliding.file.data.topics![colliding.index].name;
      problems.push(
        problemAt(
          f,
          path,
          `"${topic.name}" collides with "${other}" (${whereIs(colliding.file, ["topics", colliding.index, "name"])}): Kafka treats "." and "_" alike in topic names`,
        ),
      );
    }
    if (!colliding) collisionKeys.set(collisionKey, declared);
    const resourceName = topicResourceName(topic.name);
    const sameResource = resourceNames.get(resourceName);
    if (sameResource) {
      problems.push(
        problemAt(
          f,
          path,
          `"${topic.name}" maps to the same KafkaTopic name as "${sameResource}": ${resourceName}`,
        ),
      );
    }
    resourceNames.set(resourceName, topic.name);
    if (topic.retention === "infinite" && !(topic.cleanupPolicy ?? "delete").includes("compact")) {
      problems.push(
        problemAt(
          f,
          ["topics", i, "retention"],
          `"infinite" needs cleanupPolicy compact or compact,delete; without compaction the topic grows without bound`,
        ),
      );
    }
  }

  const apps = new Map<string, number>();
  for (const [i, app] of (t.applications ?? []).entries()) {
    const first = apps.get(app.name);
    if (first !== undefined) {
      problems.push(
        problemAt(
          f,
          ["applications", i, "name"],
          `"${app.name}" is declared twice (first at ${whereIs(f, ["applications", first, "name"])})`,
        ),
      );
    } else {
      apps.set(app.name, i);
    }
    const appId = applicationId(prefix, app.name);
    if (app.consumerGroup !== undefined) {
      const path = ["applications", i, "consumerGroup"];
      if (app.streams && app.consumerGroup !== appId) {
        problems.push(
          problemAt(
            f,
            path,
            `"${app.consumerGroup}": a Streams application's group is its application.id "${appId}"; remove consumerGroup`,
          ),
        );
      } else if (!app.consumerGroup.startsWith(`${prefix}.`)) {
        problems.push(
          problemAt(
            f,
            path,
            `"${app.consumerGroup}" is outside the team's prefix; consumer groups must start with "${prefix}."`,
          ),
        );
      }
    }
  }

  for (const i of (t.applications ?? []).keys()) problems.push(...protocolProblems(f, i, prefix));
  return problems;
}

/** `groupProtocol` fits the application's kind; the share group is under the team's prefix. */
function protocolProblems(f: ValidTeamFile, i: number, prefix: string): Problem[] {
  const problems: Problem[] = [];
  const app = f.data.applications![i];
  const protocol = app.groupProtocol;
  const at = ["applications", i, "groupProtocol"];
  if (protocol === "streams" && !app.streams) {
    problems.push(
      problemAt(
        f,
        at,
        `"streams" is the protocol of Kafka Streams applications; set streams: true or use classic or consumer`,
      ),
    );
  } else if (protocol === "consumer" && app.streams) {
    problems.push(
      problemAt(
        f,
        at,
        `"consumer": a Kafka Streams application uses classic or streams (group.protocol=streams)`,
      ),
    );
  } else if (protocol !== undefined && !app.streams && (app.consumes ?? []).length === 0) {
    problems.push(
      problemAt(
        f,
        at,
        `"${protocol}" applies to the consumer group of "consumes", which this application does not have${app.shareGroup ? "; a share group has its own protocol" : ""}`,
      ),
    );
  }
  const id = app.shareGroup?.id;
  if (id !== undefined && !id.startsWith(`${prefix}.`)) {
    problems.push(
      problemAt(
        f,
        ["applications", i, "shareGroup", "id"],
        `"${id}" is outside the team's prefix; share groups must start with "${prefix}."`,
      ),
    );
  }
  return problems;
}

/** Grants name the team's own topics and existing other teams. */
function grantProblems(f: ValidTeamFile, topics: Map<string, Declared>, opts: RuleOptions): Problem[] {
  const problems: Problem[] = [];
  const t = f.data;
  const ownTopics = (t.topics ?? []).map((topic) => topic.name);
  for (const [i, grant] of (t.grants ?? []).entries()) {
    for (const [j, name] of grant.topics.entries()) {
      if (ownTopics.includes(name)) continue;
      const owner = topics.get(name);
      problems.push(
        problemAt(
          f,
          ["grants", i, "topics", j],
          owner && owner.team !== t.team
            ? `"${name}" belongs to team "${owner.team}"; a team can grant only its own topics`
            : `"${name}" is not a topic of this team${didYouMean(name, ownTopics)}`,
        ),
      );
    }
    for (const [j, team] of grant.to.entries()) {
      if (team === t.team) {
        problems.push(
          problemAt(
            f,
            ["grants", i, "to", j],
            `"${team}" is this team; a team always has access to its own topics`,
          ),
        );
      } else if (!opts.teamNames.includes(team)) {
        problems.push(
          problemAt(
            f,
            ["grants", i, "to", j],
            `"${team}" is not a team (there is no ${team}.yaml)${didYouMean(team, opts.teamNames)}`,
          ),
        );
      }
    }
  }

  return problems;
}

/** No team's `<prefix>.` may start another's: each team owns a separate part of the name space. */
function prefixProblems(files: ValidTeamFile[]): Problem[] {
  // Sorted, every name that starts with a given one follows it directly: O(n log n + overlaps).
  const entries = files
    .map((f, index) => ({ f, index, key: `${teamPrefix(f.data)}.` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const pairs: { later: (typeof entries)[number]; earlier: (typeof entries)[number] }[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length && entries[j].key.startsWith(entries[i].key); j++) {
      const [earlier, later] =
        entries[i].index < entries[j].index ? [entries[i], entries[j]] : [entries[j], entries[i]];
      pairs.push({ later, earlier });
    }
  }
  pairs.sort((x, y) => x.later.index - y.later.index || x.earlier.index - y.earlier.index);
  return pairs.map(({ later, earlier }) => {
    const f = later.f;
    const other = earlier.f;
    const [mine, theirs] = [later.key, earlier.key];
    return problemAt(
      f,
      [f.data.prefix !== undefined ? "prefix" : "team"],
      mine === theirs
        ? `prefix "${teamPrefix(f.data)}" is already the prefix of team "${other.data.team}" (${other.file})`
        : `prefix "${teamPrefix(f.data)}" overlaps the prefix "${teamPrefix(other.data)}" of team "${other.data.team}" (${other.file}); names under "${mine.length > theirs.length ? mine : theirs}" would belong to both teams`,
    );
  });
}

function namespaceProblems(files: ValidTeamFile[], reserved: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, ValidTeamFile>();
  for (const f of files) {
    const namespace = f.data.namespace ?? f.data.team;
    const path = [f.data.namespace !== undefined ? "namespace" : "team"];
    if (reserved.includes(namespace)) {
      problems.push(
        problemAt(
          f,
          path,
          `namespace "${namespace}" is reserved for the platform; set namespace to one of the team's own`,
        ),
      );
    }
    const other = seen.get(namespace);
    if (other) {
      problems.push(
        problemAt(
          f,
          path,
          `namespace "${namespace}" is already the namespace of team "${other.data.team}" (${other.file})`,
        ),
      );
    }
    seen.set(namespace, f);
  }
  return problems;
}

/** `<team>-<app>` must name one application only (e.g. team a-b app c versus team a app b-c). */
function principalProblems(files: ValidTeamFile[], reserved: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, { f: ValidTeamFile; index: number }>();
  for (const f of files) {
    for (const [i, app] of (f.data.applications ?? []).entries()) {
      const principal = principalName(f.data.team, app.name);
      if (reserved.includes(principal)) {
        problems.push(
          problemAt(
            f,
            ["applications", i, "name"],
            `"${app.name}" gives the principal "${principal}", which the platform reserves`,
          ),
        );
      }
      const other = seen.get(principal);
      if (other && other.f !== f) {
        problems.push(
          problemAt(
            f,
            ["applications", i, "name"],
            `"${app.name}" gives the principal "${principal}", which application "${other.f.data.applications![other.index].name}" of team "${other.f.data.team}" (${whereIs(other.f, ["applications", other.index, "name"])}) already has`,
          ),
        );
      } else if (!other) {
        seen.set(principal, { f, index: i });
      }
    }
  }
  return problems;
}

/** Every produced/consumed topic exists and is the team's own or granted with the right access. */
function accessProblems(f: ValidTeamFile, topics: Map<string, Declared>, opts: RuleOptions): Problem[] {
  const problems: Problem[] = [];
  for (const [i, app] of (f.data.applications ?? []).entries()) {
    const uses = [
      { names: app.produces ?? [], at: ["produces"], access: "write" as const },
      { names: app.consumes ?? [], at: ["consumes"], access: "read" as const },
      { names: app.shareGroup?.consumes ?? [], at: ["shareGroup", "consumes"], access: "read" as const },
    ];
    for (const { names, at, access } of uses) {
      for (const [j, name] of names.entries()) {
        const path = ["applications", i, ...at, j];
        const owner = topics.get(name);
        if (!owner) {
          if (opts.complete) {
            problems.push(
              problemAt(
                f,
                path,
                `"${name}" is not declared by any team${didYouMean(name, [...topics.keys()])}`,
              ),
            );
          }
          continue;
        }
        if (owner.team === f.data.team) continue;
        if (grantedAccess(owner.file, name, f.data.team).includes(access)) continue;
        problems.push(
          problemAt(
            f,
            path,
            `"${name}" belongs to team "${owner.team}", which grants team "${f.data.team}" no ${access} access; ask them to add a grant (topics: [${name}], to: [${f.data.team}], access: ${access}) to ${owner.file.file}`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The access levels `owner` grants `team` to `topic`. */
export function grantedAccess(owner: ValidTeamFile, topic: string, team: string): ("read" | "write")[] {
  return (owner.data.grants ?? [])
    .filter((g) => g.topics.includes(topic) && g.to.includes(team))
    .map((g) => g.access ?? "read");
}
