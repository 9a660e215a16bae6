/**
 * User errors: problems in configuration or team files that the user must fix.
 * They carry one or more located messages and are printed without a stack trace.
 */

/** One problem, located as precisely as the source allows. */
export interface Problem {
  /** File the problem is in, relative to the project root (e.g. `teams/payments.yaml`, `Pulumi.dev.yaml`). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  /** Path of the offending field, e.g. `topics[0].retention` or `kafka-platform:cluster.mode`. */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** Formats a problem as `file:line:col: path: message`. */
export function formatProblem(p: Problem): string {
  const loc = [p.file, p.line, p.line !== undefined ? (p.col ?? 1) : undefined].filter(
    (x) => x !== undefined,
  );
  return `${loc.join(":")}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** An error made of located problems; thrown before any resource is registered. */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], summary?: string) {
    super([summary, ...problems.map(formatProblem)].filter(Boolean).join("\n"));
    this.name = "UserError";
    this.problems = problems;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === "UserError" && Array.isArray((e as UserError).problems);
}
