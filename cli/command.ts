/** Exit statuses of every subcommand. */
export const EXIT_OK = 0;
/** Findings: invalid input, policy violations, an out-of-date generated file. */
export const EXIT_FINDINGS = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

/** A usage error: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Where a subcommand writes. */
export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One `kafka-platform <name>` subcommand. */
export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** The synopsis, e.g. `render --stack S --out DIR [--teams DIR]`. */
  usage: string;
  /** Options and an example, printed by `--help` after the synopsis. */
  help?: string;
  /** Runs with the arguments after the subcommand name; returns the exit status. */
  run(args: string[], io: CommandIO): Promise<number>;
}
