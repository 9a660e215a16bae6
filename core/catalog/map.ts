/**
 * The data-flow map: applications (grouped by team) or whole teams as nodes, topics as edges from
 * producers to consumers, laid out by dagre (a maintained layered-graph layout) and drawn as SVG at
 * build time, so the page needs no script and no network to show it.
 */
import dagre from "@dagrejs/dagre";
import { AppRef, Catalog, CatalogFlow } from "./model";
import { esc, rootOf, teamMapPage, teamPage } from "./html";

export interface MapNode {
  id: string;
  label: string;
  team: string;
  /** Drawn as another team's node (on a team's own map). */
  external?: boolean;
  /** Page the node links to (relative to the site root). */
  href: string;
}

export interface MapEdge {
  from: string;
  to: string;
  /** Topics that flow along this edge. */
  topics: string[];
  crossTeam: boolean;
}

export interface FlowGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Draw a box per team around its nodes (application-level maps). */
  clusters: boolean;
}

const appId = (ref: AppRef) => `app:${ref.team}/${ref.app}`;

/** Merges flows between the same two nodes into one edge that lists its topics. */
function edgesOf(flows: CatalogFlow[], key: (ref: AppRef) => string): MapEdge[] {
  const edges = new Map<string, MapEdge>();
  for (const flow of flows) {
    const from = key(flow.from);
    const to = key(flow.to);
    const id = `${from}\u0000${to}`;
    const edge = edges.get(id) ?? { from, to, topics: [], crossTeam: flow.crossTeam };
    if (!edge.topics.includes(flow.topic)) edge.topics.push(flow.topic);
    edges.set(id, edge);
  }
  return [...edges.values()];
}

/**
 * Applications as nodes. Without `team`, every flow, grouped by team (boxes). With `team`, only
 * the flows that touch the team's applications (its own, upstream and downstream); other teams'
 * applications are labelled `<team>/<app>` instead of boxed, which keeps the layout fast enough for
 * a map per team at 200 teams (dagre's compound layout costs about five times as much).
 */
export function applicationGraph(catalog: Catalog, team?: string): FlowGraph {
  const flows = catalog.flows.filter((f) => team === undefined || f.from.team === team || f.to.team === team);
  const refs = new Map<string, AppRef>();
  for (const t of catalog.teams) {
    if (team !== undefined && t.team.name !== team) continue;
    for (const a of t.applications)
      refs.set(appId({ team: t.team.name, app: a.app.name }), { team: t.team.name, app: a.app.name });
  }
  for (const f of flows) for (const ref of [f.from, f.to]) refs.set(appId(ref), ref);
  const nodes = [...refs.entries()].map(([id, ref]) => ({
    id,
    label: team === undefined || ref.team === team ? ref.app : `${ref.team}/${ref.app}`,
    team: ref.team,
    href: `${teamPage(ref.team)}#app-${ref.app}`,
    ...(team !== undefined && ref.team !== team ? { external: true } : {}),
  }));
  return { nodes, edges: edgesOf(flows, appId), clusters: team === undefined };
}

/** Teams as nodes and the topics that cross between them as edges: the overview of a large organisation. */
export function teamGraph(catalog: Catalog): FlowGraph {
  const nodes = catalog.teams.map((t) => ({
    id: `team:${t.team.name}`,
    label: t.team.name,
    team: t.team.name,
    href: teamMapPage(t.team.name),
  }));
  const edges = edgesOf(
    catalog.flows.filter((f) => f.crossTeam),
    (ref) => `team:${ref.team}`,
  );
  return { nodes, edges, clusters: false };
}

const CHAR_WIDTH = 7.2;
const NODE_HEIGHT = 28;
const LABEL_MAX = 32;

function shorten(text: string, max = LABEL_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function edgeLabel(edge: MapEdge): string {
  return shorten(edge.topics.length === 1 ? edge.topics[0] : `${edge.topics[0]} +${edge.topics.length - 1}`);
}

/**
 * Lays the graph out and returns an `<svg>` element. `page` is the path of the page it is
 * embedded in, for relative links. Cross-team edges carry the class `cross-team`.
 */
export function renderMapSvg(graph: FlowGraph, page: string, title: string): string {
  const g = new dagre.graphlib.Graph({ compound: graph.clusters, multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 36, ranksep: 60, edgesep: 30, marginx: 12, marginy: 28 });
  g.setDefaultEdgeLabel(() => ({}));
  const teams = [...new Set(graph.nodes.map((n) => n.team))];
  if (graph.clusters) {
    for (const team of teams) g.setNode(`cluster:${team}`, { label: team, width: 0, height: 0 });
  }
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: shorten(node.label).length * CHAR_WIDTH + 20, height: NODE_HEIGHT });
    if (graph.clusters) g.setParent(node.id, `cluster:${node.team}`);
  }
  for (const edge of graph.edges) {
    const label = edgeLabel(edge);
    g.setEdge(edge.from, edge.to, { width: label.length * 6.2, height: 14, labelpos: "c" });
  }
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();
  const root = rootOf(page);
  const parts: string[] = [];
  if (graph.clusters) {
    for (const team of teams) {
      const c = g.node(`cluster:${team}`);
      parts.push(
        `<g class="cluster" data-team="${esc(team)}"><rect x="${c.x! - c.width / 2}" y="${c.y! - c.height / 2}" width="${c.width}" height="${c.height}" rx="6"/>` +
          `<text x="${c.x! - c.width / 2 + 6}" y="${c.y! - c.height / 2 - 5}">${esc(shorten(team))}</text></g>`,
      );
    }
  }
  for (const edge of graph.edges) {
    const e = g.edge(edge.from, edge.to);
    const points = e.points ?? [];
    const d = points
      .map(
        (p: { x: number; y: number }, i: number) =>
          `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`,
      )
      .join(" ");
    const cls = edge.crossTeam ? "flow cross-team" : "flow";
    parts.push(
      `<g class="${cls}" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}" data-topics="${esc(edge.topics.join(" "))}">` +
        `<title>${esc(edge.topics.join(", "))}</title>` +
        `<path d="${d}" marker-end="url(#arrow${edge.crossTeam ? "-cross" : ""})"/>` +
        (e.x !== undefined
          ? `<text x="${e.x.toFixed(1)}" y="${(e.y! - 3).toFixed(1)}" text-anchor="middle">${esc(edgeLabel(edge))}</text>`
          : "") +
        `</g>`,
    );
  }
  for (const node of graph.nodes) {
    const n = g.node(node.id);
    const name = node.id.startsWith("team:")
      ? `team ${node.team}`
      : `${node.team}/${node.id.split("/").pop()}`;
    parts.push(
      `<a href="${root}${esc(node.href)}" aria-label="${esc(name)}">` +
        `<g class="${node.external ? "node external" : "node"}" data-id="${esc(node.id)}"><rect x="${(n.x! - n.width / 2).toFixed(1)}" y="${(n.y! - n.height / 2).toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height}" rx="4"/>` +
        `<text x="${n.x!.toFixed(1)}" y="${(n.y! + 4).toFixed(1)}" text-anchor="middle">${esc(shorten(node.label))}</text></g></a>`,
    );
  }
  return `<svg class="map" xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" role="group" aria-label="${esc(title)}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker><marker id="arrow-cross" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow cross"/></marker></defs>
${parts.join("\n")}
</svg>`;
}
