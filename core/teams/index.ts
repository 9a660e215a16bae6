/**
 * Team self-service: the team file format, its validation and the validated organisation model.
 * `loadTeams(dir)` is the entry point for the program, the CLI, the policy pack and the test tiers.
 */
export { displayDirOf, loadTeams, parseTeamFile, validateTeamFiles, teamFileNames } from "./load";
export type { LoadTeamsOptions } from "./load";
export * from "./model";
export { TeamFile, Topic, Application, Grant } from "./schema";
export type { Waiver } from "../waivers";
export { teamFileJsonSchema, teamFileJsonSchemaText, TEAM_FILE_SCHEMA_PATH } from "./json-schema";
export { durationToMs } from "./duration";
export { explainOrganisation, explainTeam } from "./explain";
export {
  PROTOCOL_REQUIREMENTS,
  SHARE_GROUP_CONFIG_NAMES,
  shareGroupConfigs,
  versionAtLeast,
} from "./group-configs";
export { protocolSupportProblems, type StackKafkaVersion } from "./protocol-support";
