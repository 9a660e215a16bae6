import * as path from "path";
import { main } from "../../../cli/main";

const ROOT = path.join(__dirname, "../../..");

/** Runs the CLI in-process from the repository root and captures its output. */
export async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    process.chdir(cwd);
  }
}
