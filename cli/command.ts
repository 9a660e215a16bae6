/** Exit statuses of every subcommand (the CLI's contract; README "Exit status"). */
export const EXIT_OK = 0;
/** Findings: invalid input, policy violations, an out-of-date generated file. */
export const EXIT_FINDINGS = 1;
/** The command line itself is wrong (unknown option, missing --teams directory, unknown stack, unusable --out). */
export const EXIT_USAGE = 2;
/** An internal error: a bug in kafka-platform, never the input's fault. */
export const EXIT_INTERNAL = 3;

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

/** One option of a subcommand: parsed by `parseOptions`, described by `--help`. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** The value's placeholder in `--help`, e.g. `DIR`. */
  value?: string;
  /** One sentence for `--help`. */
  description: string;
}

/** One `kafka-platform <name>` subcommand. */
export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** The synopsis, e.g. `render --stack S --out DIR [--teams DIR]`. */
  usage: string;
  /** Every option it accepts, described. */
  options: Readonly<Record<string, OptionSpec>>;
  /** Complete example command lines. */
  examples: readonly string[];
  /** Runs with the arguments after the subcommand name; returns the exit status. */
  run(args: string[], io: CommandIO): Promise<number>;
}
