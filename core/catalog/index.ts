/**
 * The catalog: the validated organisation as a static site (topic table, team and topic pages,
 * data-flow maps). `buildCatalog` → `renderSite`; the CLI's `catalog` command writes the files.
 */
export { buildCatalog, defaultTopicSettings } from "./model";
export type { Catalog, CatalogTopic, CatalogTeam, CatalogFlow, AppRef } from "./model";
export { renderSite, readCatalogAssets } from "./site";
export type { CatalogAssets } from "./site";
export { applicationGraph, teamGraph, renderMapSvg } from "./map";
export { esc } from "./html";
