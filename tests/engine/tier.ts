/** What each engine-tier suite starts: a control plane, a copy of the team files and the `local` stack. */
import * as fs from "node:fs";
import * as path from "node:path";
import { type ControlPlane, startControlPlane } from "./control-plane";
import { ApiPaths } from "./objects";
import { copyTeams, createEngineStack, type EngineStack } from "./stack";
import { SHARED } from "./toolchain";

export interface Tier {
  controlPlane: ControlPlane;
  paths: ApiPaths;
  /** The stack's team files: a temporary copy for the tests to edit. */
  teamsDir: string;
  engine: EngineStack;
}

/** Starts the tier, or skips the suite with a message where `../shared` has no Strimzi CRDs. */
export async function startTier(suite: Mocha.Context): Promise<Tier> {
  if (!fs.existsSync(path.join(SHARED, "strimzi", "crds"))) {
    console.warn(
      `engine tier skipped: ${SHARED}/strimzi/crds is missing (the Strimzi CRDs the stack applies)`,
    );
    suite.skip();
  }
  const controlPlane = await startControlPlane();
  const teamsDir = copyTeams();
  const engine = await createEngineStack({ kubeconfig: controlPlane.kubeconfig, teamsDir });
  return { controlPlane, paths: new ApiPaths(controlPlane), teamsDir, engine };
}
