import { formatProblem, isUserError } from "../core/errors";
import { Command, CommandIO, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from "./command";
import { catalogCommand } from "./commands/catalog";
import { checkCommand } from "./commands/check";
import { codeownersCommand } from "./commands/codeowners";
import { diffCommand } from "./commands/diff";
import { explainCommand } from "./commands/explain";
import { policyCommand } from "./commands/policy";
import { renderCommand } from "./commands/render";
import { destroyCommand, migrateStacksCommand, previewCommand, upCommand } from "./commands/stacks";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  renderCommand,
  checkCommand,
  explainCommand,
  codeownersCommand,
  policyCommand,
  diffCommand,
  catalogCommand,
  previewCommand,
  upCommand,
  destroyCommand,
  migrateStacksCommand,
];

const consoleIO: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export const EXIT_STATUS_HELP =
  "Exit status: 0 success, 1 findings (invalid input, violations, out-of-date files), 2 usage error, 3 internal error.";

function help(): string {
  return [
    "Usage: kafka-platform <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`),
    "",
    "Run `kafka-platform <command> --help` for a command's options and examples.",
    EXIT_STATUS_HELP,
  ].join("\n");
}

/** A subcommand's `--help`: synopsis, summary, every option described, examples, exit statuses. */
export function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, o]) => [
    `--${name}${o.value ? ` ${o.value}` : ""}`,
    o.description,
  ]);
  const width = Math.max(...flags.map(([f]) => f.length), 8);
  return [
    `Usage: kafka-platform ${command.usage}`,
    "",
    command.summary,
    "",
    "Options:",
    ...flags.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    `  ${"--help".padEnd(width)}  Show this help.`,
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
    "",
    EXIT_STATUS_HELP,
  ].join("\n");
}

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it. */
export async function main(argv: string[], io: CommandIO = consoleIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out)(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      `kafka-platform: unknown command ${JSON.stringify(name.slice(0, 40))} (commands: ${COMMANDS.map((c) => c.name).join(", ")})`,
    );
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kafka-platform ${command.name}: ${e.message} (usage: kafka-platform ${command.usage})`);
      return EXIT_USAGE;
    }
    if (isUserError(e)) {
      for (const p of e.problems) io.err(formatProblem(p));
      io.err(`kafka-platform ${command.name}: ${e.problems.length} problem(s) found`);
      return EXIT_FINDINGS;
    }
    // The file system refused a path of the command line (an --out that is a file, no permission).
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === "string") {
      const err = e as NodeJS.ErrnoException;
      io.err(
        `kafka-platform ${command.name}: cannot ${err.syscall} ${JSON.stringify(String(err.path ?? "").slice(-80))} (${err.code})`,
      );
      return EXIT_USAGE;
    }
    // A bug, not the input's fault: one line (no stack trace unless asked for), exit 3.
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);
    io.err(
      `kafka-platform ${command.name}: internal error: ${message} (please report it; KAFKA_PLATFORM_DEBUG=1 shows the stack)`,
    );
    if (process.env.KAFKA_PLATFORM_DEBUG === "1" && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_INTERNAL;
  }
}
