#!/usr/bin/env node
// Entry point for `npx kafka-platform`: runs the TypeScript CLI through ts-node (types are checked by `npm test`).
"use strict";
const path = require("path");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
// Exit 3 (internal error) without a stack trace if even loading the CLI fails.
const internal = (e) => {
  process.stderr.write(
    `kafka-platform: internal error: ${String(e && e.message ? e.message : e).split("\n")[0]}\n`,
  );
  process.exitCode = 3;
};
// A reader that stops early (`| head`) closes the pipe: drop the rest of the output quietly and
// keep the command's exit status, instead of an unhandled EPIPE with a stack trace.
process.stdout.on("error", (e) => {
  if (e.code !== "EPIPE") internal(e);
});
try {
  require("../cli/main")
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    }, internal);
} catch (e) {
  internal(e);
}
