import * as path from "path";
import { runProgram } from "../../harness/engine";
import { writeRender } from "../../harness/render";
import { parseOptions, required } from "../args";
import { Command, EXIT_OK } from "../command";

export const renderCommand: Command = {
  name: "render",
  summary: "Write every Kubernetes object a stack declares as YAML, plus resources.json (secrets redacted).",
  usage: "render --stack S --out DIR [--teams DIR]",
  async run(args, io) {
    const opts = parseOptions(args, {
      stack: { type: "string" },
      out: { type: "string" },
      teams: { type: "string" },
    });
    const stack = required(opts.stack, "stack");
    const outDir = path.resolve(required(opts.out, "out"));
    const run = await runProgram({ stack, teamsDir: opts.teams });
    const written = writeRender(run, outDir);
    io.out(
      `${stack}: ${run.resources.length} resources, ${written.objects.length} Kubernetes objects written to ${outDir}`,
    );
    return EXIT_OK;
  },
};
