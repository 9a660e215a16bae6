import { findAclOverlaps } from "../acl/overlaps";
import { Problem } from "../errors";
import { Organisation } from "./model";
import { problemAt, ValidTeamFile } from "./rules";

/** Overlapping ACL prefixes as located problems at the application that would get too much. */
export function aclOverlapProblems(org: Organisation, files: ValidTeamFile[]): Problem[] {
  return findAclOverlaps(org).map(({ application: app, rule, covers }) => {
    const f = files.find((file) => file.data.team === app.team)!;
    const index = f.data.applications!.findIndex((a) => a.name === app.name);
    const setGroup =
      rule.intent.kind === "consumer-group" && f.data.applications![index].consumerGroup !== undefined;
    const path = ["applications", index, setGroup ? "consumerGroup" : "name"];
    const { type, name } = rule.rule.resource;
    return problemAt(
      f,
      path,
      `the ${type} prefix "${name}" of application "${app.name}" (${rule.intent.kind}) also covers ${covers}; rename one of them${rule.intent.kind === "consumer-group" ? " or set consumerGroup" : ""} so each application gets only its own names`,
    );
  });
}
