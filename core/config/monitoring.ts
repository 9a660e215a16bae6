import { z } from "zod";
import { Environment } from "./environment";

/** The Grafana stack (Grafana, Mimir, Loki, Tempo, Alloy) next to Kafka. */
export const MonitoringConfig = z.strictObject({
  enabled: z.boolean().describe("Install the Grafana stack."),
  namespace: z.string().describe("Namespace of the Grafana stack."),
});
export type MonitoringConfig = z.infer<typeof MonitoringConfig>;

export function monitoringDefaults(_env: Environment): Record<string, unknown> {
  return { enabled: true, namespace: "monitoring" };
}
