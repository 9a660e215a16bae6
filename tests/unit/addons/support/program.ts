import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { ProgramRun, runProgram, PROJECT_ROOT } from "../../../../harness/engine";

/** Git sources added to the example teams: payments and fraud use Argo CD, billing does not. */
export const GITOPS = {
  payments: { repoURL: "https://github.com/acme/payments-deploy.git", path: "k8s/prod" },
  fraud: { repoURL: "git@github.com:acme/fraud-deploy.git", path: "deploy", targetRevision: "v1.4.0" },
} as const;

/** The example team files with the `gitops` of {@link GITOPS} set on those teams. */
export function teamsWithGitOps(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-addons-teams-"));
  cpSync(path.join(PROJECT_ROOT, "teams"), dir, { recursive: true });
  for (const [team, gitops] of Object.entries(GITOPS)) {
    const file = path.join(dir, `${team}.yaml`);
    const doc = parseDocument(readFileSync(file, "utf8"));
    doc.set("gitops", doc.createNode(gitops)); // replaces the example's own source, if it has one
    writeFileSync(file, doc.toString());
  }
  return dir;
}

/** Both add-ons switched on (or off) over the stack's own `addons` block. */
export function addonsOverride(on: { argocd?: boolean; keycloak?: boolean; oauthTls?: boolean }) {
  return {
    addons: {
      argocd: { enabled: on.argocd ?? false },
      keycloak: {
        enabled: on.keycloak ?? false,
        ...(on.oauthTls === false ? { listener: { tls: false } } : {}),
      },
    },
  };
}

const runs = new Map<string, Promise<ProgramRun>>();

/** One program run per stack and add-on switch, with the GitOps team files; shared by the tests. */
export function addonsRun(
  stack: "dev" | "prod",
  on: { argocd?: boolean; keycloak?: boolean; oauthTls?: boolean },
): Promise<ProgramRun> {
  const key = `${stack}:${JSON.stringify(on)}`;
  if (!runs.has(key)) {
    runs.set(key, runProgram({ stack, teamsDir: teamsWithGitOps(), configOverrides: addonsOverride(on) }));
  }
  return runs.get(key)!;
}

export { resourcesUnder } from "../../../../harness/kubernetes-objects";
