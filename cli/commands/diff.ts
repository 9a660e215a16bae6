import { loadPlatformConfig } from "../../core/config/load";
import {
  DIFF_STACKS,
  diffOrganisations,
  environmentFacts,
  EnvironmentFacts,
  formatReport,
  hasErrors,
  ReportFormat,
} from "../../core/diff";
import { REPORT_FORMATS } from "../../core/diff/format";
import { loadTeams } from "../../core/teams";
import { PROJECT_ROOT, readStackConfig } from "../../harness/engine";
import { parseOptions, required } from "../args";
import { readBase } from "../base-organisation";
import { Command, EXIT_FINDINGS, EXIT_OK, UsageError } from "../command";
import { defaultReservations, existingTeamsDir } from "./check";

/** The facts of each stack (topic defaults, protection, Cruise Control, brokers) from its stack file. */
export function stackEnvironments(
  stacks: readonly string[] = DIFF_STACKS,
  projectRoot = PROJECT_ROOT,
): EnvironmentFacts[] {
  return stacks.map((stack) => {
    const { config } = readStackConfig(projectRoot, stack);
    return environmentFacts(stack, loadPlatformConfig(config, { file: `Pulumi.${stack}.yaml` }));
  });
}

const OPTIONS = {
  base: {
    type: "string",
    value: "DIR|GIT-REF",
    description:
      "The organisation that runs now: a directory of team files, or a git ref (the same team directory at that commit, read without a checkout).",
  },
  teams: { type: "string", value: "DIR", description: "The proposed team files (default: teams)." },
  format: {
    type: "string",
    value: "F",
    description:
      "text (default), markdown (pull-request comments) or json (docs/change-review.md); effective values per environment come from Pulumi.dev.yaml and Pulumi.prod.yaml.",
  },
  approvals: {
    type: "string",
    value: "FILE",
    description: "Accepted changes (default: platform/change-approvals.yaml of the base).",
  },
} as const;

export const diffCommand: Command = {
  name: "diff",
  summary:
    "What changes against a base (directory or git ref), each change classified error/warning/info; exit 1 on an error.",
  usage: "diff --base DIR|GIT-REF [--teams DIR] [--format text|markdown|json] [--approvals FILE]",
  options: OPTIONS,
  examples: ["kafka-platform diff --base origin/main --format markdown"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const base = required(opts.base, "base");
    const format = (opts.format ?? "text") as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) {
      throw new UsageError(`--format "${opts.format}" is not one of ${REPORT_FORMATS.join(", ")}`);
    }
    const { dir, displayDir } = existingTeamsDir(opts.teams);
    const reservations = defaultReservations();
    const head = loadTeams(dir, { displayDir, ...reservations });
    const before = readBase(base, dir, { ...reservations, approvalsFile: opts.approvals });
    const report = diffOrganisations(before.organisation, head, {
      base,
      head: displayDir,
      envs: stackEnvironments(),
      approvals: before.approvals,
      today: new Date().toISOString().slice(0, 10),
    });
    io.out(formatReport(report, format));
    return hasErrors(report) ? EXIT_FINDINGS : EXIT_OK;
  },
};
