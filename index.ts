// The Pulumi program: `pulumi up --stack dev|prod`. All logic lives in program.ts and below.
import * as pulumi from "@pulumi/pulumi";
import { isUserError } from "./core/errors";
import { platformProgram } from "./program";

export = platformProgram({ projectRoot: __dirname }).catch((e: unknown) => {
  // A located message for configuration and team file errors, without a stack trace.
  if (isUserError(e)) throw new pulumi.RunError(e.message);
  throw e;
});
