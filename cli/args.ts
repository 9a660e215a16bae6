import { existsSync, readdirSync } from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PROJECT_ROOT } from "../harness/engine";
import { OptionSpec, UsageError } from "./command";

type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Parses `--flag value` options strictly; an unknown flag or stray argument is a usage error. */
export function parseOptions<T extends OptionSpecs>(args: string[], options: T) {
  try {
    const parseSpec = Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}) },
      ]),
    );
    const { values, positionals } = parseArgs({
      args,
      options: parseSpec,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0].slice(0, 40))}`);
    // `--teams=` would silently mean the working directory (or the stack's default).
    for (const [name, value] of Object.entries(values)) {
      if (value === "") throw new UsageError(`option --${name} needs a value`);
    }
    return values as unknown as {
      [K in keyof T]: T[K]["type"] extends "boolean" ? boolean | undefined : string | undefined;
    };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.split("\n")[0].slice(0, 200));
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing required option --${flag}`);
  return value;
}

/** The stacks of the project: `Pulumi.<stack>.yaml` files next to `Pulumi.yaml`. */
export function knownStacks(projectRoot = PROJECT_ROOT): string[] {
  return readdirSync(projectRoot)
    .flatMap((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1] ?? [])
    .sort();
}

/** `--stack` (or `flag`), required and one of the project's stacks (a usage error otherwise). */
export function stackOption(value: string | undefined, projectRoot = PROJECT_ROOT, flag = "stack"): string {
  const stack = required(value, flag);
  const stacks = knownStacks(projectRoot);
  if (!/^[A-Za-z0-9_-]+$/.test(stack) || !existsSync(path.join(projectRoot, `Pulumi.${stack}.yaml`))) {
    throw new UsageError(
      `unknown stack ${JSON.stringify(stack.slice(0, 40))} (stacks: ${stacks.join(", ")})`,
    );
  }
  return stack;
}
