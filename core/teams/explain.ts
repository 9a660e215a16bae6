/**
 * `kafka-platform explain`: what each application of a team may do and why, as Markdown that reads
 * well in a pull-request comment. Environment-independent: values left to the environment say so.
 */
import { compileAcls } from "../acl/compile";
import { Quotas } from "../config/teams";
import { credentialsSecretName } from "../strimzi/names";
import { CREDENTIALS_KEYS } from "../strimzi/user";
import { Organisation, Team, TeamApplication, TeamTopic } from "./model";

const code = (s: string | number) => `\`${s}\``;
/** Table cells must not break the table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function explainOrganisation(org: Organisation, teams: Team[] = org.teams): string {
  return teams.map(explainTeam).join("\n\n");
}

export function explainTeam(team: Team): string {
  const lines = [
    `# Team ${code(team.name)}`,
    "",
    `${team.description ? `${team.description} ` : ""}File ${code(team.file)} · prefix ${code(`${team.prefix}.`)} · credentials in namespace ${code(team.namespace)}${team.owners.length ? ` · owners ${team.owners.join(", ")}` : ""}`,
    "",
    "## Topics",
    "",
  ];
  if (team.topics.length === 0) lines.push("No topics.");
  else {
    lines.push(
      "| Topic | Partitions | Replicas | Retention | Cleanup | Deletion | Granted to |",
      "|---|---|---|---|---|---|---|",
      ...team.topics.map(topicRow),
    );
  }
  for (const app of team.applications) lines.push("", ...explainApplication(team, app));
  if (team.applications.length === 0) lines.push("", "No applications.");
  if (team.waivers.length > 0) {
    lines.push(
      "",
      "## Waivers",
      "",
      "| Policy | Resource | Expires | Reason |",
      "|---|---|---|---|",
      ...team.waivers.map(
        (w) => `| ${code(w.policy)} | ${code(w.resource)} | ${w.expires} | ${cell(w.reason)} |`,
      ),
    );
  }
  return lines.join("\n");
}

function topicRow(t: TeamTopic): string {
  const orDefault = (v: number | undefined) => (v === undefined ? "env default" : String(v));
  const retention =
    t.retentionMs === undefined
      ? "env default"
      : t.retentionMs === "infinite"
        ? "infinite"
        : formatMs(t.retentionMs);
  const grants = t.grants.map((g) => `${g.team} (${g.access})`).join(", ") || "–";
  return `| ${code(t.name)} | ${orDefault(t.partitions)} | ${orDefault(t.replicas)} | ${retention} | ${t.cleanupPolicy} | ${t.deletion} | ${grants} |`;
}

function explainApplication(team: Team, app: TeamApplication): string[] {
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
  lines.push("", `Quotas: ${describeQuotas(app.quotas)}.`);
  const settings = clientSettings(app);
  if (settings.length > 0) lines.push("", "Client settings:", ...settings.map((s) => `- ${s}`));
  return lines;
}

function describeQuotas(quotas: Quotas | undefined): string {
  if (!quotas) return "the environment's default (`kafka-platform:teams.defaultQuotas`)";
  const parts = Object.entries(quotas).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(", ") : "none";
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

function formatMs(ms: number): string {
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
