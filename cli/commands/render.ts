import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import { runProgram } from "../../harness/engine";
import { writeRender } from "../../harness/render";
import { parseOptions, required, stackOption } from "../args";
import { Command, EXIT_OK, UsageError } from "../command";
import { existingTeamsDir, TEAMS_OPTION } from "./check";

/** Written into `--out` after each run: the files that run wrote, so the next run can remove them. */
export const RENDER_MANIFEST = ".kafka-platform-render.json";

/**
 * Makes `outDir` ready for a render: created when missing; when it holds an earlier render (the
 * manifest lists every file in it), that render's files are removed; anything else is refused,
 * so that a mistyped --out never mixes with, or deletes, files render did not write.
 */
export function prepareRenderDir(outDir: string, shown: string, opts: { remove: boolean }): void {
  const stat = statSync(outDir, { throwIfNoEntry: false });
  if (!stat) {
    if (opts.remove) mkdirSync(outDir, { recursive: true });
    return;
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${shown} is not a directory`);
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  let previous: string[] = [];
  if (entries.includes(RENDER_MANIFEST)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(outDir, RENDER_MANIFEST), "utf8"));
      // Plain file names only: a manifest never makes render delete outside --out.
      if (Array.isArray(parsed))
        previous = parsed.filter((f) => typeof f === "string" && /^[^/\\]+$/.test(f) && f !== "..");
    } catch {
      previous = [];
    }
  }
  const foreign = entries.filter((e) => e !== RENDER_MANIFEST && !previous.includes(e));
  if (foreign.length > 0 || !entries.includes(RENDER_MANIFEST)) {
    const shownFiles = foreign.slice(0, 3).map((f) => JSON.stringify(f.slice(0, 40)));
    throw new UsageError(
      `--out ${shown} is not empty and holds files render did not write (${shownFiles.join(", ")}${foreign.length > 3 ? ", …" : ""}); choose an empty or new directory`,
    );
  }
  if (opts.remove) for (const file of previous) rmSync(path.join(outDir, file), { force: true });
}

const OPTIONS = {
  stack: {
    type: "string",
    value: "S",
    description: "The stack to render (a Pulumi.<S>.yaml of the project).",
  },
  out: {
    type: "string",
    value: "DIR",
    description: `Output directory: new, empty, or one an earlier render wrote (its files are replaced; ${RENDER_MANIFEST} lists them).`,
  },
  teams: TEAMS_OPTION,
} as const;

export const renderCommand: Command = {
  name: "render",
  summary: "Write every Kubernetes object a stack declares as YAML, plus resources.json (secrets redacted).",
  usage: "render --stack S --out DIR [--teams DIR]",
  options: OPTIONS,
  examples: ["kafka-platform render --stack dev --out out/dev"],
  async run(args, io) {
    const opts = parseOptions(args, OPTIONS);
    const stack = stackOption(opts.stack);
    const outDir = path.resolve(required(opts.out, "out"));
    const teamsDir = opts.teams === undefined ? undefined : existingTeamsDir(opts.teams).dir;
    const shown = JSON.stringify(opts.out!.slice(0, 80));
    prepareRenderDir(outDir, shown, { remove: false });
    // Every team, also where the split layout deploys them in team stacks (docs/stacks.md).
    const run = await runProgram({ stack, teamsDir, wholeOrganisation: true });
    // Removed only after the program ran: invalid input must not cost the previous render.
    prepareRenderDir(outDir, shown, { remove: true });
    const written = writeRender(run, outDir);
    const files = [...written.objects, path.basename(written.resourcesJson)];
    writeFileSync(path.join(outDir, RENDER_MANIFEST), `${JSON.stringify(files, null, 2)}\n`);
    io.out(
      `${stack}: ${run.resources.length} resources, ${written.objects.length} Kubernetes objects written to ${outDir}`,
    );
    return EXIT_OK;
  },
};
