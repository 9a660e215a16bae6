/**
 * `kafka-platform explain`: what each application of a team may do and why, as Markdown that reads
 * well in a pull-request comment. Environment-independent: values left to the environment say so,
 * unless the environments are given (`--stacks`), whose values are then shown side by side.
 */
import { compileAcls } from "../acl/compile";
import { Quotas, TeamsConfig } from "../config/teams";
import { credentialsSecretName } from "../strimzi/names";
import { CREDENTIALS_KEYS } from "../strimzi/user";
import { Organisation, Team, TeamApplication, TeamTopic } from "./model";

const code = (s: string | number) => `\`${s}\``;
/** Table cells must not break the table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Free text from a team file as Markdown text: no HTML, links, images or code spans (explain is posted on pull requests). */
function markdownText(s: string): string {
  return s
    .replace(/[\\`*_[\]!~|]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An environment whose defaults fill in what a team file leaves to it. */
export interface ExplainEnvironment {
  name: string;
  teams: Pick<TeamsConfig, "topicDefaults" | "defaultQuotas">;
}

export function explainOrganisation(
  org: Organisation,
  teams: Team[] = org.teams,
  envs: readonly ExplainEnvironment[] = [],
): string {
  return teams.map((t) => explainTeam(t, envs)).join("\n\n");
}

/** `dev 1 · prod 6`, or `env default` without environments. */
function perEnvironment(
  envs: readonly ExplainEnvironment[],
  value: (env: ExplainEnvironment) => string,
): string {
  return envs.length === 0 ? "env default" : envs.map((env) => `${env.name} ${value(env)}`).join(" · ");
}

export function explainTeam(team: Team, envs: readonly ExplainEnvironment[] = []): string {
  const lines = [
    `# Team ${code(team.name)}`,
    "",
    `${team.description ? `${markdownText(team.description)} ` : ""}File ${code(team.file)} · prefix ${code(`${team.prefix}.`)} · credentials in namespace ${code(team.namespace)}${team.owners.length ? ` · owners ${team.owners.join(", ")}` : ""}`,
    "",
    "## Topics",
    "",
  ];
  if (team.topics.length === 0) lines.push("No topics.");
  else {
    lines.push(
      "| Topic | Partitions | Replicas | Retention | Cleanup | Deletion | Granted to |",
      "|---|---|---|---|---|---|---|",
      ...team.topics.map((t) => topicRow(t, envs)),
    );
  }
  for (const app of team.applications) lines.push("", ...explainApplication(team, app, envs));
  if (team.applications.length === 0) lines.push("", "No applications.");
  if (team.waivers.length > 0) {
    lines.push(
      "",
      "## Waivers (platform/waivers.yaml)",
      "",
      "| Policy | Resource | Expires | Approver | Reason |",
      "|---|---|---|---|---|",
      ...team.waivers.map(
        (w) =>
          `| ${code(w.policy)} | ${code(w.resource)} | ${w.expires} | ${cell(w.approver)} | ${cell(w.reason)} |`,
      ),
    );
  }
  return lines.join("\n");
}

function topicRow(t: TeamTopic, envs: readonly ExplainEnvironment[]): string {
  const defaults = (env: ExplainEnvironment) => env.teams.topicDefaults;
  const orDefault = (v: number | undefined, key: "partitions" | "replicas") =>
    v === undefined ? perEnvironment(envs, (env) => String(defaults(env)[key])) : String(v);
  const retention =
    t.retentionMs === undefined
      ? perEnvironment(envs, (env) => defaults(env).retention)
      : t.retentionMs === "infinite"
        ? "infinite"
        : formatMs(t.retentionMs);
  const grants = t.grants.map((g) => `${g.team} (${g.access})`).join(", ") || "–";
  return `| ${code(t.name)} | ${orDefault(t.partitions, "partitions")} | ${orDefault(t.replicas, "replicas")} | ${retention} | ${t.cleanupPolicy} | ${t.deletion} | ${grants} |`;
}

function explainApplication(team: Team, app: TeamApplication, envs: readonly ExplainEnvironment[]): string[] {
  const rules = compileAcls(app);
  const lines = [
    `## Application ${code(app.name)}`,
    "",
    `Principal ${code(app.principal)} (KafkaUser, SCRAM-SHA-512). Credentials: Secret ${code(credentialsSecretName(app.name))} in namespace ${code(team.namespace)} with keys ${CREDENTIALS_KEYS.map(code).join(", ")}.`,
    "",
  ];
  if (rules.length === 0) lines.push("No ACL rules: it declares nothing to produce or consume.");
  else {
    lines.push(
      "| # | Resource | Pattern | Operations | Why |",
      "|---|---|---|---|---|",
      ...rules.map(
        ({ rule, intent }, i) =>
          `| ${i} | ${rule.resource.type} ${code(rule.resource.name)} | ${rule.resource.patternType} | ${rule.operations.join(", ")} | ${cell(`${intent.kind}: ${intent.reason}`)} |`,
      ),
    );
  }
  lines.push("", `Quotas: ${describeQuotas(app.quotas, envs)}.`);
  const settings = clientSettings(app);
  if (settings.length > 0) lines.push("", "Client settings:", ...settings.map((s) => `- ${s}`));
  return lines;
}

function describeQuotas(quotas: Quotas | undefined, envs: readonly ExplainEnvironment[]): string {
  const list = (q: Quotas) => {
    const parts = Object.entries(q).map(([k, v]) => `${k} ${v}`);
    return parts.length ? parts.join(", ") : "none";
  };
  if (quotas) return list(quotas);
  if (envs.length === 0) return "the environment's default (`kafka-platform:teams.defaultQuotas`)";
  return `the environment's default: ${envs.map((env) => `${env.name} ${list(env.teams.defaultQuotas)}`).join("; ")}`;
}

/** What the application must configure to match its ACLs. */
function clientSettings(app: TeamApplication): string[] {
  const out: string[] = [];
  if (app.streams) {
    out.push(`${code("application.id")} = ${code(app.appId)}`);
    if (app.transactional)
      out.push(`${code("processing.guarantee")} = ${code("exactly_once_v2")} is allowed`);
  } else {
    if (app.consumes.length > 0) out.push(`${code("group.id")} starts with ${code(app.consumerGroup)}`);
    if (app.transactional) out.push(`${code("transactional.id")} starts with ${code(app.appId)}`);
  }
  if (app.groupProtocol !== "classic") out.push(`${code("group.protocol")} = ${code(app.groupProtocol)}`);
  if (app.shareGroup) {
    const configs = Object.entries(app.shareGroup.configs).map(([k, v]) => `${k}=${v}`);
    out.push(
      `share consumer (${code("KafkaShareConsumer")}) with ${code("group.id")} = ${code(app.shareGroup.id)}` +
        (configs.length > 0 ? `; group configs set by the platform: ${configs.map(code).join(", ")}` : ""),
    );
  }
  return out;
}

/** `7d`, `36h`, `1500 ms`: the largest unit that divides the duration. */
export function formatMs(ms: number): string {
  const units: [string, number][] = [
    ["w", 604_800_000],
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ];
  for (const [unit, size] of units) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms} ms`;
}
