/**
 * Whether the stack's Kafka can serve the group protocols the team files declare: a share group
 * or the streams protocol on a cluster older than Kafka 4.2 (or the consumer protocol before 4.0)
 * is a located error at the application, never a silent no-op (docs/team-guide.md, "Group protocols").
 */
import type { Problem } from "../errors";
import { PROTOCOL_REQUIREMENTS, type ProtocolName, versionAtLeast } from "./group-configs";
import type { Organisation, TeamApplication } from "./model";

/** The stack's Kafka, as `kafka-platform:kafka` declares it. */
export interface StackKafkaVersion {
  version: string;
  metadataVersion: string;
}

/** The protocols an application uses and the team-file field that declares each. */
function protocolsOf(app: TeamApplication): { protocol: ProtocolName; field: string }[] {
  const used: { protocol: ProtocolName; field: string }[] = [];
  if (app.shareGroup) used.push({ protocol: "share", field: "shareGroup" });
  if (app.groupProtocol === "consumer" || app.groupProtocol === "streams") {
    used.push({ protocol: app.groupProtocol, field: "groupProtocol" });
  }
  return used;
}

/** One problem per application and protocol the stack's Kafka version or metadata version does not support. */
export function protocolSupportProblems(
  org: Organisation,
  kafka: StackKafkaVersion,
  stackFile: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const team of org.teams) {
    for (const [i, app] of team.applications.entries()) {
      for (const { protocol, field } of protocolsOf(app)) {
        const need = PROTOCOL_REQUIREMENTS[protocol];
        const versionOk = versionAtLeast(kafka.version, need.kafka);
        const metadataOk = versionAtLeast(kafka.metadataVersion, need.metadataVersion);
        if (versionOk && metadataOk) continue;
        const what = protocol === "share" ? "share groups" : `group.protocol=${protocol}`;
        problems.push({
          file: app.source.file,
          line: app.source.line,
          path: `applications[${i}].${field}`,
          message: versionOk
            ? `${what} (${need.kip}) need metadataVersion ${need.metadataVersion} or newer (feature ${need.feature}); ${stackFile} sets metadataVersion ${kafka.metadataVersion}: raise it and the feature level (docs/runbooks/upgrade.md)`
            : `${what} (${need.kip}) need Kafka ${need.kafka} or newer; ${stackFile} runs Kafka ${kafka.version}: upgrade the cluster first (docs/runbooks/upgrade.md) or remove ${field}`,
        });
      }
    }
  }
  return problems;
}
