/**
 * The parts of @grafana/grafana-foundation-sdk the dashboards use. The SDK only publishes subpath
 * `exports`, which this project's `node10` module resolution cannot see; types come from the files
 * behind those exports and the modules are loaded through the exports at run time.
 */
import type * as Common from "@grafana/grafana-foundation-sdk/dist/common";
import type * as Dashboard from "@grafana/grafana-foundation-sdk/dist/dashboard";
import type * as Prometheus from "@grafana/grafana-foundation-sdk/dist/prometheus";
import type * as Stat from "@grafana/grafana-foundation-sdk/dist/stat";
import type * as Timeseries from "@grafana/grafana-foundation-sdk/dist/timeseries";

export const common: typeof Common = require("@grafana/grafana-foundation-sdk/common");
export const dashboard: typeof Dashboard = require("@grafana/grafana-foundation-sdk/dashboard");
export const prometheus: typeof Prometheus = require("@grafana/grafana-foundation-sdk/prometheus");
export const stat: typeof Stat = require("@grafana/grafana-foundation-sdk/stat");
export const timeseries: typeof Timeseries = require("@grafana/grafana-foundation-sdk/timeseries");
