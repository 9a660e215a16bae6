import { existsSync, readdirSync, statSync } from "fs";
import * as path from "path";
import { Problem, UserError } from "../errors";
import { applicationId, principalName } from "../strimzi/names";
import { readTextFile } from "../validation/text-file";
import { locate, parseYamlSource, yamlSyntaxProblems, yamlValue } from "../validation/yaml-source";
import { WAIVERS_FILE } from "../waivers";
import { zodIssuesToProblems } from "../validation/zod-problems";
import { durationToMs } from "./duration";
import { Organisation, Team, TeamApplication, TeamTopic, TopicUse } from "./model";
import { crossFileProblems, ParsedTeamFile, SYSTEM_NAMESPACES, teamPrefix, ValidTeamFile } from "./rules";
import { TeamFile } from "./schema";
import { shareGroupConfigs } from "./group-configs";
import { MANAGED_TOPIC_CONFIGS } from "./topic-configs";
import { aclOverlapProblems } from "./acl-overlaps";
import { DEFAULT_CONFIG_VERSION } from "../kafka-configs/topic-configs";
import { topicConfigValueProblems } from "./topic-config-values";
import { DEFAULT_CLASSIFICATIONS, metadataProblems } from "./metadata";

export interface LoadTeamsOptions {
  /**
   * The directory as shown in messages (default: `dir` relative to the working directory), so
   * that messages read `teams/payments.yaml:3:7: …` wherever the files are read from.
   */
  displayDir?: string;
  /** Namespaces no team may use besides the system ones (e.g. the Kafka and monitoring namespaces). */
  reservedNamespaces?: string[];
  /** Principals no application may get (e.g. the platform's Kafka admin user). */
  reservedPrincipals?: string[];
  /** Kafka version whose topic config definitions check `config` values (default: the platform's default). */
  kafkaVersion?: string;
  /** Allowed topic classifications (default: `DEFAULT_CLASSIFICATIONS`; stack `teams.classifications`). */
  classifications?: readonly string[];
  /**
   * The repository root that topics' `schema` paths are relative to and must exist in (the CLI:
   * the working directory; the program: the project). Without it, paths are not looked up.
   */
  repositoryRoot?: string;
}

/** How a directory is shown in messages: relative to `base` when inside it, else absolute. */
export function displayDirOf(dir: string, base: string): string {
  const relative = path.relative(base, dir);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return dir;
  return relative.split(path.sep).join("/") || ".";
}

/**
 * Team files: `*.yaml` and `*.yml` directly in the directory (README.md and the like are skipped).
 * Links, directories and special files with such names stay in: reading them refuses them.
 */
export function teamFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !name.startsWith("."))
    .sort();
}

/**
 * Reads and validates every team file in `dir` and returns the organisation they describe.
 * Throws a UserError listing every problem of every file (nothing is returned partially).
 */
export function loadTeams(dir: string, opts: LoadTeamsOptions = {}): Organisation {
  const displayDir = (opts.displayDir ?? path.relative(process.cwd(), dir)).split(path.sep).join("/");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError([{ file: displayDir || ".", path: "", message: "no such directory of team files" }]);
  }
  const parsed = teamFileNames(dir).map((name) => {
    const file = displayDir ? `${displayDir}/${name}` : name;
    const read = readTextFile(path.join(dir, name), file);
    if (read.problems) return { parsed: undefined, problems: read.problems };
    return parseTeamFile(file, name.replace(/\.ya?ml$/, ""), read.text);
  });
  return validateTeamFiles(
    parsed.flatMap((p) => (p.parsed ? [p.parsed] : [])),
    parsed.flatMap((p) => p.problems),
    opts,
    parsed.some((p) => !p.parsed),
  );
}

/** Parses one team file and checks it against the schema. */
export function parseTeamFile(
  file: string,
  baseName: string,
  text: string,
): { parsed: ParsedTeamFile; problems: Problem[] } {
  const source = parseYamlSource(file, text);
  const parsed: ParsedTeamFile = { file, baseName, source };
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) return { parsed, problems: syntax };
  if (source.doc.contents === null) {
    return {
      parsed,
      problems: [
        {
          file,
          line: 1,
          col: 1,
          path: "",
          message: `the file is empty; expected a team, e.g. "team: ${baseName}"`,
        },
      ],
    };
  }
  const expanded = yamlValue(source);
  if (expanded.problems.length > 0) return { parsed, problems: expanded.problems };
  const value = expanded.value;
  const result = TeamFile.safeParse(value);
  if (!result.success) {
    const problems = zodIssuesToProblems(result.error.issues, {
      file,
      locate: (p, o) => locate(source, p, o),
      schema: TeamFile,
      value,
      unknownKeyMessage: (at, key) =>
        at.length === 0 && key === "waivers"
          ? `waivers are no longer set in team files: they live in ${WAIVERS_FILE}, which the platform team owns and approves (see docs/policies.md); remove this key and ask the platform team for a waiver there`
          : at.length === 3 && at[0] === "topics" && at[2] === "config" && MANAGED_TOPIC_CONFIGS[key]
            ? `"${key}" is set with the topic's "${MANAGED_TOPIC_CONFIGS[key]}" field, not in config`
            : undefined,
    });
    return { parsed, problems };
  }
  parsed.data = result.data;
  return { parsed, problems: [] };
}

/** Validates parsed team files together; `problems` are those found while parsing them. */
export function validateTeamFiles(
  parsed: ParsedTeamFile[],
  problems: Problem[],
  opts: LoadTeamsOptions = {},
  /** Some files could not be read: references to other teams cannot be resolved. */
  unreadable = false,
): Organisation {
  const valid = parsed.filter((p): p is ValidTeamFile => p.data !== undefined);
  const all = [
    ...problems,
    ...crossFileProblems(valid, {
      complete: valid.length === parsed.length && !unreadable,
      teamNames: parsed.map((p) => p.baseName),
      reservedNamespaces: [...SYSTEM_NAMESPACES, ...(opts.reservedNamespaces ?? [])],
      reservedPrincipals: opts.reservedPrincipals ?? [],
    }),
    ...topicConfigValueProblems(valid, opts.kafkaVersion ?? DEFAULT_CONFIG_VERSION),
    ...metadataProblems(valid, {
      classifications: opts.classifications ?? DEFAULT_CLASSIFICATIONS,
      repositoryRoot: opts.repositoryRoot,
    }),
  ];
  if (all.length === 0) {
    const org = buildOrganisation(valid);
    all.push(...aclOverlapProblems(org, valid));
    if (all.length === 0) return org;
  }
  throw new UserError(sortProblems(all), `Invalid team files (${all.length} problem(s)):`);
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** The model of valid, consistent team files. */
function buildOrganisation(files: ValidTeamFile[]): Organisation {
  const owners = new Map<string, ValidTeamFile>();
  for (const f of files) for (const topic of f.data.topics ?? []) owners.set(topic.name, f);
  const teams = files.map((f) => buildTeam(f, owners));
  return { teams };
}

function buildTeam(f: ValidTeamFile, owners: Map<string, ValidTeamFile>): Team {
  const t = f.data;
  const prefix = teamPrefix(t);
  // Waivers come from platform/waivers.yaml (core/waivers.ts), attached after validation.
  const waivers: Team["waivers"] = [];
  const lineOf = (p: (string | number)[]) => locate(f.source, p)?.line;
  const topics: TeamTopic[] = (t.topics ?? []).map((topic, i) => ({
    name: topic.name,
    team: t.team,
    partitions: topic.partitions,
    replicas: topic.replicas,
    retentionMs:
      topic.retention === undefined || topic.retention === "infinite"
        ? topic.retention
        : durationToMs(topic.retention),
    retentionBytes: topic.retentionBytes,
    cleanupPolicy: topic.cleanupPolicy ?? "delete",
    config: Object.fromEntries(
      Object.entries(topic.config ?? {}).filter(
        (e): e is [string, string | number | boolean] => e[1] !== undefined,
      ),
    ),
    deletion: topic.deletion ?? "protect",
    grants: (t.grants ?? [])
      .filter((g) => g.topics.includes(topic.name))
      .flatMap((g) => g.to.map((team) => ({ team, access: g.access ?? ("read" as const) }))),
    waivers: waivers.filter((w) => w.resource === topic.name),
    ...(topic.description !== undefined ? { description: topic.description } : {}),
    ...(topic.classification !== undefined ? { classification: topic.classification } : {}),
    ...(topic.schema !== undefined ? { schema: topic.schema } : {}),
    ...(topic.tags !== undefined ? { tags: topic.tags } : {}),
    source: { file: f.file, line: lineOf(["topics", i, "name"]) },
  }));
  const use = (name: string): TopicUse => {
    const owner = owners.get(name)!;
    return { topic: name, owner: owner.data.team, via: owner === f ? "own" : "grant" };
  };
  const applications: TeamApplication[] = (t.applications ?? []).map((app, i) => {
    const appId = applicationId(prefix, app.name);
    return {
      name: app.name,
      team: t.team,
      principal: principalName(t.team, app.name),
      appId,
      consumerGroup: app.consumerGroup ?? appId,
      produces: unique(app.produces ?? []).map(use),
      consumes: unique(app.consumes ?? []).map(use),
      transactional: app.transactional ?? false,
      streams: app.streams ?? false,
      groupProtocol: app.groupProtocol ?? "classic",
      ...(app.shareGroup
        ? {
            shareGroup: {
              id: app.shareGroup.id ?? appId,
              consumes: unique(app.shareGroup.consumes).map(use),
              configs: shareGroupConfigs(app.shareGroup),
            },
          }
        : {}),
      quotas: app.quotas ?? t.quotas,
      waivers: waivers.filter((w) => w.resource === app.name),
      ...(app.description !== undefined ? { description: app.description } : {}),
      source: { file: f.file, line: lineOf(["applications", i, "name"]) },
    };
  });
  return {
    name: t.team,
    file: f.file,
    description: t.description,
    owners: t.owners ?? [],
    namespace: t.namespace ?? t.team,
    prefix,
    quotas: t.quotas,
    ...(t.alerts ? { alerts: t.alerts } : {}),
    ...(t.gitops ? { gitops: { ...t.gitops, targetRevision: t.gitops.targetRevision ?? "HEAD" } } : {}),
    topics,
    applications,
    waivers,
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
