import { z } from "zod";
import { TeamFile } from "./schema";

/** Where the published schema lives, relative to the project root. */
export const TEAM_FILE_SCHEMA_PATH = "schemas/team-file.schema.json";

/** The JSON Schema of a team file for editors, generated from the zod schema (`npm run schema:team`). */
export function teamFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(TeamFile, { io: "input", target: "draft-2020-12" }),
    $id: "https://kafka-platform.io/schemas/team-file.schema.json",
    title: "kafka-platform team file (v1)",
  };
}

/** The schema file's exact text. */
export function teamFileJsonSchemaText(): string {
  return `${JSON.stringify(teamFileJsonSchema(), null, 2)}\n`;
}

// `npm run schema:team` regenerates the published file.
if (require.main === module) {
  const { writeFileSync } = require("fs") as typeof import("fs");
  const target = require("path").join(__dirname, "..", "..", TEAM_FILE_SCHEMA_PATH) as string;
  writeFileSync(target, teamFileJsonSchemaText());
  console.log(`wrote ${TEAM_FILE_SCHEMA_PATH}`);
}
