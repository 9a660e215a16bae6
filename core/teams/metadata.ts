/**
 * Catalog metadata of team files (topic `description`, `classification`, `schema`, `tags`;
 * application `description`): the rules the schema alone cannot express. The list of
 * classifications belongs to the platform (stack config `kafka-platform:teams.classifications`),
 * not to the teams.
 */
import { existsSync, realpathSync } from "fs";
import * as path from "path";
import { DEFAULT_CLASSIFICATIONS } from "../config/teams";
import { Problem } from "../errors";
import { didYouMean } from "../validation/suggest";
import { problemAt, ValidTeamFile } from "./rules";

export { DEFAULT_CLASSIFICATIONS };

export interface MetadataRuleOptions {
  /** Allowed topic classifications. */
  classifications: readonly string[];
  /** Root that `schema` paths are relative to; without it, paths are not checked to exist. */
  repositoryRoot?: string;
}

export function metadataProblems(files: ValidTeamFile[], opts: MetadataRuleOptions): Problem[] {
  const problems: Problem[] = [];
  for (const f of files) {
    for (const [i, topic] of (f.data.topics ?? []).entries()) {
      if (topic.classification !== undefined && !opts.classifications.includes(topic.classification)) {
        problems.push(
          problemAt(
            f,
            ["topics", i, "classification"],
            `"${topic.classification}" is not a classification of this platform${didYouMean(topic.classification, opts.classifications)}; allowed: ${opts.classifications.join(", ")}`,
          ),
        );
      }
      if (topic.schema !== undefined && opts.repositoryRoot !== undefined && !isHttps(topic.schema)) {
        if (!insideRepository(opts.repositoryRoot, topic.schema)) {
          problems.push(
            problemAt(
              f,
              ["topics", i, "schema"],
              `"${topic.schema}" is not a file in the repository (paths are relative to the repository root); commit the schema or use an https:// URL`,
            ),
          );
        }
      }
    }
  }
  return problems;
}

function isHttps(ref: string): boolean {
  return ref.startsWith("https://");
}

/** The path exists and, links resolved, stays inside the repository. */
function insideRepository(root: string, ref: string): boolean {
  const target = path.resolve(root, ref);
  if (!existsSync(target)) return false;
  const realRoot = realpathSync(root);
  const realTarget = realpathSync(target);
  return realTarget === realRoot || realTarget.startsWith(realRoot + path.sep);
}
