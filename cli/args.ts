import { parseArgs } from "util";
import { UsageError } from "./command";

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string; default?: string | boolean }>;

/** Parses `--flag value` options strictly; an unknown flag or stray argument is a usage error. */
export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    // `--teams=` would silently mean the working directory (or the stack's default).
    for (const [name, value] of Object.entries(values)) {
      if (value === "") throw new UsageError(`option --${name} needs a value`);
    }
    return values as unknown as {
      [K in keyof T]: T[K]["type"] extends "boolean" ? boolean | undefined : string | undefined;
    };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing required option --${flag}`);
  return value;
}
