/**
 * HTML building blocks of the catalog. Every string from a team file passes `esc` (text and
 * attribute values alike); pages are plain strings, so no template engine can forget it.
 */
import { formatMs } from "../teams/explain";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML and SVG element content and quoted attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** File names of generated pages: Kafka and team names are `[a-zA-Z0-9._-]`, safe as they are. */
export function teamPage(team: string): string {
  return `teams/${team}.html`;
}
export function topicPage(topic: string): string {
  return `topics/${topic}.html`;
}
export function teamMapPage(team: string): string {
  return `map/${team}.html`;
}
export const MAP_PAGE = "map/index.html";
export const STYLESHEET = "assets/catalog.css";
export const SCRIPT = "assets/catalog.js";

/** `../` for pages one folder deep, "" for the index. */
export function rootOf(page: string): string {
  return "../".repeat(page.split("/").length - 1);
}

export interface PageOptions {
  /** The page's own path, e.g. `teams/payments.html` (for relative links). */
  path: string;
  title: string;
  body: string;
  /** Loads the table script (index only). */
  script?: boolean;
}

/** A complete page: one `h1` (from the body), a skip link, landmarks and the shared navigation. */
export function page(opts: PageOptions): string {
  const root = rootOf(opts.path);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'">
<title>${esc(opts.title)} · Kafka catalog</title>
<link rel="stylesheet" href="${root}${STYLESHEET}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Catalog"><a href="${root}index.html">Topics</a> <a href="${root}${MAP_PAGE}">Data-flow map</a></nav></header>
<main id="main">
${opts.body}
</main>
${opts.script ? `<script src="${root}${SCRIPT}"></script>\n` : ""}</body>
</html>
`;
}

/** A link to a team page from `from`. */
export function teamLink(from: string, team: string): string {
  return `<a href="${rootOf(from)}${esc(teamPage(team))}">${esc(team)}</a>`;
}

export function topicLink(from: string, topic: string): string {
  return `<a href="${rootOf(from)}${esc(topicPage(topic))}">${esc(topic)}</a>`;
}

/** An application, linked to its section on its team's page. */
export function appLink(from: string, ref: { team: string; app: string }): string {
  return `<a href="${rootOf(from)}${esc(teamPage(ref.team))}#app-${esc(ref.app)}">${esc(ref.team)}/${esc(ref.app)}</a>`;
}

/** `7d`, `12h`, `infinite`: the largest whole unit. */
export function formatRetention(ms: number | "infinite"): string {
  return ms === "infinite" ? "infinite" : formatMs(ms);
}

/** A table with a caption and header cells scoped to columns. */
export function table(caption: string, headers: string[], rows: string[][], attrs = ""): string {
  if (rows.length === 0) return `<p>No ${esc(caption.toLowerCase())}.</p>`;
  return `<table${attrs}>
<caption>${esc(caption)}</caption>
<thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}
</tbody>
</table>`;
}
