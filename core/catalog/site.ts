/**
 * The catalog as files: page path → content. Pure apart from reading its own two static assets,
 * which are copied (no CDN, no network): the site works from a folder, a file:// URL or GitHub Pages.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { MAP_PAGE, SCRIPT, STYLESHEET, teamMapPage, teamPage, topicPage } from "./html";
import { Catalog } from "./model";
import { indexPage, mapIndexPage, teamMapPageHtml, teamPageHtml, topicPageHtml } from "./pages";

/** The stylesheet and script every page links to. */
export interface CatalogAssets {
  css: string;
  js: string;
}

export function readCatalogAssets(): CatalogAssets {
  const dir = path.join(__dirname, "assets");
  return {
    css: readFileSync(path.join(dir, "catalog.css"), "utf8"),
    js: readFileSync(path.join(dir, "catalog.js"), "utf8"),
  };
}

/** Every file of the site, keyed by its path relative to the output folder. */
export function renderSite(
  catalog: Catalog,
  assets: CatalogAssets = readCatalogAssets(),
): Map<string, string> {
  const files = new Map<string, string>();
  files.set("index.html", indexPage(catalog));
  files.set(MAP_PAGE, mapIndexPage(catalog));
  for (const team of catalog.teams) {
    files.set(teamPage(team.team.name), teamPageHtml(catalog, team));
    files.set(teamMapPage(team.team.name), teamMapPageHtml(catalog, team));
  }
  for (const topic of catalog.topics) files.set(topicPage(topic.topic.name), topicPageHtml(topic));
  files.set(STYLESHEET, assets.css);
  files.set(SCRIPT, assets.js);
  return files;
}
