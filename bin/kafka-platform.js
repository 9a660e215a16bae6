#!/usr/bin/env node
// Entry point for `npx kafka-platform`: runs the TypeScript CLI through ts-node (types are checked by `npm test`).
"use strict";
const path = require("path");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
require("../cli/main")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
