/**
 * The catalog's pages: the topic index, a page per team, a page per topic and the data-flow maps.
 * Each returns the HTML of one file; links are relative, so the site works from any folder.
 */
import { CompiledAclRule } from "../acl/compile";
import { Environment } from "../config/environment";
import { applicationGraph, renderMapSvg, teamGraph } from "./map";
import { AppRef, Catalog, CATALOG_ENVIRONMENTS, CatalogTeam, CatalogTopic } from "./model";
import {
  appLink,
  esc,
  formatRetention,
  MAP_PAGE,
  page,
  rootOf,
  table,
  teamLink,
  teamMapPage,
  teamPage,
  topicLink,
  topicPage,
} from "./html";

/** Above this many applications the overview map shows teams instead of applications. */
export const APPLICATION_OVERVIEW_LIMIT = 60;

const envHeaders = (what: string) => CATALOG_ENVIRONMENTS.map((env) => `${what} (${env})`);
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function list(from: string, refs: AppRef[]): string {
  return refs.length === 0 ? "–" : refs.map((r) => appLink(from, r)).join(", ");
}

function classificationBadge(value: string | undefined): string {
  return value === undefined
    ? `<span class="muted">unclassified</span>`
    : `<span class="classification" data-value="${esc(value)}">${esc(value)}</span>`;
}

function settingsCells(t: CatalogTopic): string[] {
  return [
    ...CATALOG_ENVIRONMENTS.map((env) => String(t.settings[env].partitions)),
    ...CATALOG_ENVIRONMENTS.map((env) => esc(formatRetention(t.settings[env].retentionMs))),
  ];
}

/** The index: every topic in a searchable, sortable table. */
export function indexPage(catalog: Catalog): string {
  const path = "index.html";
  const classifications = [...new Set(catalog.topics.flatMap((t) => t.topic.classification ?? []))].sort();
  const rows = catalog.topics.map((t) => {
    const search = [
      t.topic.name,
      t.topic.team,
      t.topic.description ?? "",
      t.topic.classification ?? "",
      ...(t.topic.tags ?? []),
      ...[...t.producers, ...t.consumers].map((r) => `${r.team}/${r.app}`),
    ]
      .join(" ")
      .toLowerCase();
    const retention = (env: Environment) => {
      const ms = t.settings[env].retentionMs;
      return ms === "infinite" ? "Infinity" : String(ms);
    };
    return `<tr data-search="${esc(search)}" data-classification="${esc(t.topic.classification ?? "")}">
<th scope="row">${topicLink(path, t.topic.name)}</th><td>${teamLink(path, t.topic.team)}</td><td>${esc(t.topic.description ?? "")}</td><td>${classificationBadge(t.topic.classification)}</td>${CATALOG_ENVIRONMENTS.map((env) => `<td data-sort="${t.settings[env].partitions}">${t.settings[env].partitions}</td>`).join("")}${CATALOG_ENVIRONMENTS.map((env) => `<td data-sort="${retention(env)}">${esc(formatRetention(t.settings[env].retentionMs))}</td>`).join("")}<td>${list(path, t.producers)}</td><td>${list(path, t.consumers)}</td></tr>`;
  });
  const headers: [string, "text" | "number"][] = [
    ["Topic", "text"],
    ["Team", "text"],
    ["Description", "text"],
    ["Classification", "text"],
    ...envHeaders("Partitions").map((h): [string, "number"] => [h, "number"]),
    ...envHeaders("Retention").map((h): [string, "number"] => [h, "number"]),
    ["Producers", "text"],
    ["Consumers", "text"],
  ];
  const body = `<h1>Kafka topics</h1>
<p>${plural(catalog.topics.length, "topic")} of ${plural(catalog.teams.length, "team")}, generated from the team files. Environment values are the team file's, else the environment's default.</p>
<form class="filters" role="search" aria-label="Filter topics">
<label for="search">Search topics</label>
<input id="search" type="search" placeholder="name, team, description, tag, application" autocomplete="off">
<label for="classification">Classification</label>
<select id="classification"><option value="">all</option>${classifications.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join("")}</select>
</form>
<p id="count" aria-live="polite">${plural(catalog.topics.length, "topic")}</p>
<div class="scroll" tabindex="0" role="region" aria-label="Topic table">
<table id="topics">
<caption>Topics (select a column heading to sort)</caption>
<thead><tr>${headers.map(([h, type]) => `<th scope="col" data-type="${type}"><button type="button">${esc(h)}</button></th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</div>`;
  return page({ path, title: "Topics", body, script: true });
}

function aclTable(rules: CompiledAclRule[]): string {
  return table(
    "ACL rules",
    ["Resource", "Pattern", "Operations", "Why"],
    rules.map(({ rule, intent }) => [
      `${esc(rule.resource.type)} <code>${esc(rule.resource.name)}</code>`,
      esc(rule.resource.patternType),
      esc(rule.operations.join(", ")),
      `${esc(intent.kind)}: ${esc(intent.reason)}`,
    ]),
  );
}

/** A team: owners, topics, applications with their ACL intents, grants and alert thresholds. */
export function teamPageHtml(catalog: Catalog, ct: CatalogTeam): string {
  const path = teamPage(ct.team.name);
  const team = ct.team;
  const topics = catalog.topics.filter((t) => t.topic.team === team.name);
  const apps = ct.applications.map(({ app, acls }) => {
    const uses = (label: string, list: { topic: string; owner: string; via: string }[]) =>
      list.length === 0
        ? ""
        : `<p>${label}: ${list.map((u) => `${topicLink(path, u.topic)}${u.via === "grant" ? ` (granted by ${teamLink(path, u.owner)})` : ""}`).join(", ")}</p>`;
    return `<section aria-labelledby="app-${esc(app.name)}">
<h3 id="app-${esc(app.name)}">${esc(app.name)}</h3>
${app.description ? `<p>${esc(app.description)}</p>` : ""}
<p>Principal <code>${esc(app.principal)}</code>${app.streams ? " · Kafka Streams" : ""}${app.transactional ? " · transactional" : ""}</p>
${uses("Produces", app.produces)}${uses("Consumes", app.consumes)}${app.shareGroup ? uses(`Consumes through share group <code>${esc(app.shareGroup.id)}</code>`, app.shareGroup.consumes) : ""}
${aclTable(acls)}
</section>`;
  });
  const body = `<h1>Team ${esc(team.name)}</h1>
${team.description ? `<p>${esc(team.description)}</p>` : ""}
<dl class="facts">
<dt>Owners</dt><dd>${team.owners.length ? team.owners.map(esc).join(", ") : "–"}</dd>
<dt>Team file</dt><dd><code>${esc(team.file)}</code></dd>
<dt>Prefix</dt><dd><code>${esc(team.prefix)}.</code></dd>
<dt>Namespace</dt><dd><code>${esc(team.namespace)}</code></dd>
<dt>Consumer-lag alert</dt><dd>${CATALOG_ENVIRONMENTS.map((env) => `${env}: more than ${ct.maxLagMessages[env]} messages`).join(" · ")}${ct.ownLagThreshold ? " (the team's own threshold)" : " (the platform's default)"}</dd>
<dt>Data-flow map</dt><dd><a href="${rootOf(path)}${esc(teamMapPage(team.name))}">map of ${esc(team.name)}</a></dd>
</dl>
<h2>Topics</h2>
${table(
  "Topics",
  ["Topic", "Description", "Classification", ...envHeaders("Partitions"), ...envHeaders("Retention")],
  topics.map((t) => [
    topicLink(path, t.topic.name),
    esc(t.topic.description ?? ""),
    classificationBadge(t.topic.classification),
    ...settingsCells(t),
  ]),
)}
<h2>Applications</h2>
${apps.length ? apps.join("\n") : "<p>No applications.</p>"}
<h2>Grants given</h2>
${table(
  "Grants given",
  ["Topic", "To team", "Access"],
  ct.grantsGiven.map((g) => [topicLink(path, g.topic), teamLink(path, g.to), esc(g.access)]),
)}
<h2>Grants received</h2>
${table(
  "Grants received",
  ["Topic", "From team", "Access"],
  ct.grantsReceived.map((g) => [topicLink(path, g.topic), teamLink(path, g.owner), esc(g.access)]),
)}`;
  return page({ path, title: `Team ${team.name}`, body });
}

/** A topic: metadata, settings per environment, grants, upstream and downstream applications. */
export function topicPageHtml(t: CatalogTopic): string {
  const path = topicPage(t.topic.name);
  const topic = t.topic;
  const schema =
    topic.schema === undefined
      ? "–"
      : topic.schema.startsWith("https://")
        ? `<a href="${esc(topic.schema)}" rel="noreferrer">${esc(topic.schema)}</a>`
        : `<code>${esc(topic.schema)}</code> (in the repository)`;
  const body = `<h1>Topic ${esc(topic.name)}</h1>
${topic.description ? `<p>${esc(topic.description)}</p>` : ""}
<dl class="facts">
<dt>Team</dt><dd>${teamLink(path, topic.team)}</dd>
<dt>Classification</dt><dd>${classificationBadge(topic.classification)}</dd>
<dt>Schema</dt><dd>${schema}</dd>
<dt>Tags</dt><dd>${topic.tags?.length ? topic.tags.map(esc).join(", ") : "–"}</dd>
<dt>Cleanup policy</dt><dd>${esc(topic.cleanupPolicy)}</dd>
<dt>Deletion</dt><dd>${esc(topic.deletion)}</dd>
<dt>Declared in</dt><dd><code>${esc(topic.source.file)}${topic.source.line ? `:${topic.source.line}` : ""}</code></dd>
</dl>
<h2>Settings per environment</h2>
${table(
  "Settings per environment",
  ["Environment", "Partitions", "Retention"],
  CATALOG_ENVIRONMENTS.map((env) => [
    esc(env),
    String(t.settings[env].partitions),
    esc(formatRetention(t.settings[env].retentionMs)),
  ]),
)}
<h2>Upstream: producers</h2>
${refList(path, t.producers, "producers")}
<h2>Downstream: consumers</h2>
${refList(path, t.consumers, "consumers")}
<h2>Grants</h2>
${table(
  "Grants",
  ["Team", "Access"],
  topic.grants.map((g) => [teamLink(path, g.team), esc(g.access)]),
)}`;
  return page({ path, title: `Topic ${topic.name}`, body });
}

function refList(path: string, refs: AppRef[], what: string): string {
  if (refs.length === 0) return `<p>No ${what} declared in the team files.</p>`;
  return `<ul>${refs.map((r) => `<li>${appLink(path, r)}</li>`).join("")}</ul>`;
}

function mapFigure(svg: string, caption: string): string {
  return `<figure>
<figcaption>${esc(caption)}</figcaption>
<div class="scroll map-frame" tabindex="0" role="region" aria-label="${esc(caption)}">
${svg}
</div>
</figure>`;
}

const LEGEND = `<p class="legend"><span class="swatch flow"></span> a topic within a team <span class="swatch cross-team"></span> a topic that crosses teams (highlighted). Arrows point from producer to consumer; hover an edge for its topics.</p>`;

/** The overview map and the index of per-team maps. */
export function mapIndexPage(catalog: Catalog): string {
  const path = MAP_PAGE;
  const appCount = catalog.teams.reduce((n, t) => n + t.applications.length, 0);
  const byApplication = appCount <= APPLICATION_OVERVIEW_LIMIT;
  const graph = byApplication ? applicationGraph(catalog) : teamGraph(catalog);
  const caption = byApplication
    ? "All applications, grouped by team"
    : `Teams and the topics between them (${plural(catalog.teams.length, "team")}; open a team's map for its applications)`;
  const crossTeam = catalog.flows.filter((f) => f.crossTeam).length;
  const body = `<h1>Data-flow map</h1>
<p>${plural(catalog.flows.length, "flow")} (producer → topic → consumer), ${crossTeam} across teams.</p>
${LEGEND}
<p><a href="#team-maps">Map of one team</a>: its applications with everything upstream and downstream of them.</p>
<h2>Overview</h2>
${mapFigure(renderMapSvg(graph, path, caption), caption)}
<nav aria-labelledby="team-maps"><h2 id="team-maps">Map of one team</h2>
<ul class="team-index">${catalog.teams.map((t) => `<li><a href="${rootOf(path)}${esc(teamMapPage(t.team.name))}">${esc(t.team.name)}</a></li>`).join("")}</ul>
</nav>`;
  return page({ path, title: "Data-flow map", body });
}

/** One team's applications with everything upstream and downstream of them. */
export function teamMapPageHtml(catalog: Catalog, ct: CatalogTeam): string {
  const path = teamMapPage(ct.team.name);
  const caption = `Applications of team ${ct.team.name} with their upstream and downstream applications`;
  const body = `<h1>Data-flow map of team ${esc(ct.team.name)}</h1>
<p>${teamLink(path, ct.team.name)} · <a href="index.html">all teams</a></p>
${LEGEND}
${mapFigure(renderMapSvg(applicationGraph(catalog, ct.team.name), path, caption), caption)}`;
  return page({ path, title: `Map of ${ct.team.name}`, body });
}
