import { formatProblem, isUserError } from "../core/errors";
import { Command, CommandIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from "./command";
import { catalogCommand } from "./commands/catalog";
import { checkCommand } from "./commands/check";
import { codeownersCommand } from "./commands/codeowners";
import { diffCommand } from "./commands/diff";
import { explainCommand } from "./commands/explain";
import { policyCommand } from "./commands/policy";
import { renderCommand } from "./commands/render";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  renderCommand,
  checkCommand,
  explainCommand,
  codeownersCommand,
  policyCommand,
  diffCommand,
  catalogCommand,
];

const consoleIO: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function help(): string {
  return [
    "Usage: kafka-platform <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`),
    "",
    "Exit status: 0 success, 1 findings, 2 usage error.",
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
    io.err(`kafka-platform: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(
      `Usage: kafka-platform ${command.usage}\n\n${command.summary}${command.help ? `\n\n${command.help}` : ""}`,
    );
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
    // The file system refused (an --out that is a file, no permission): the user's to fix, one line.
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === "string") {
      io.err(`kafka-platform ${command.name}: ${e.message}`);
      return EXIT_FINDINGS;
    }
    // Unexpected: a bug, not a user error; keep the stack for the report.
    io.err(`kafka-platform ${command.name}: internal error: ${(e as Error).stack ?? String(e)}`);
    return EXIT_FINDINGS;
  }
}
