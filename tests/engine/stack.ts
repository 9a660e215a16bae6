/**
 * The committed `local` stack (Pulumi.local.yaml) driven by the real Pulumi engine through the
 * Automation API: the Pulumi CLI built by tests/engine/modules/build.sh, a file backend and
 * PULUMI_HOME in a temporary folder, a passphrase secrets provider, and an inline program that
 * calls the project's program entry (the Node.js language host is not on the Go module proxy:
 * this process is the language host). The provider plugins come from the tier's builds, named in
 * the temporary project's `plugins` section, so the engine never looks for a download.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { parse, stringify } from "yaml";
import { isUserError } from "../../core/errors";
import { platformProgram } from "../../program";
import { binary, pluginDir, ROOT, SHARED } from "./toolchain";

export const STACK = "local";
/** The test passphrase of the tier's throw-away stacks. */
export const PASSPHRASE = "engine-tier-test-passphrase";
export const STANDIN_CHARTS = path.join(__dirname, "fixtures", "charts");

/** What a test changes in the committed stack configuration (values as in the YAML file). */
export interface StackOverrides {
  /** The kubeconfig the tier's control plane wrote. */
  kubeconfig: string;
  /** The team files (a temporary copy when a test edits them). */
  teamsDir: string;
  /** Overrides `teams.protectTopics` (false before `destroy`: protected topics block it, as they should). */
  protectTopics?: boolean;
  /** Sets `stacks.layout` (the split layout's tests, tests/engine/split.test.ts). */
  layout?: "single" | "split";
}

/** The committed Pulumi.local.yaml with the tier's overrides: its API server, stand-in chart, shared CRDs. */
export function localStackConfig(overrides: StackOverrides): Record<string, unknown> {
  const committed = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${STACK}.yaml`), "utf8")) as {
    config: Record<string, Record<string, unknown>>;
  };
  const config = { ...committed.config };
  config["kafka-platform:cluster"] = { mode: "existing", existing: { kubeconfig: overrides.kubeconfig } };
  const strimzi = config["kafka-platform:strimzi"];
  config["kafka-platform:strimzi"] = {
    ...strimzi,
    chart: { path: path.join(STANDIN_CHARTS, "strimzi-kafka-operator"), version: strimzi.version },
    crds: { path: path.join(SHARED, "strimzi", "crds") },
  };
  config["kafka-platform:teams"] = {
    ...config["kafka-platform:teams"],
    dir: overrides.teamsDir,
    ...(overrides.protectTopics === undefined ? {} : { protectTopics: overrides.protectTopics }),
  };
  if (overrides.layout) config["kafka-platform:stacks"] = { layout: overrides.layout };
  return config;
}

/** A stack of the tier with its temporary folders; `dispose` removes them. */
export interface EngineStack {
  stack: Stack;
  workDir: string;
  /** The environment every CLI call of the stack gets. */
  env: Record<string, string>;
  /** The tier's Pulumi CLI. */
  pulumiCommand: PulumiCommand;
  /** `pulumi stack export` as a user runs it (the Automation API's exportStack adds --show-secrets). */
  exportText(): string;
  /** Rewrites the stack's configuration (e.g. to another copy of the team files). */
  configure(overrides: StackOverrides): void;
  dispose(): void;
}

/** Creates the `local` stack in a fresh file backend, configured for the tier's control plane. */
export async function createEngineStack(overrides: StackOverrides): Promise<EngineStack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engine-stack-"));
  const workDir = path.join(tmp, "project");
  const backend = path.join(tmp, "backend");
  const home = path.join(tmp, "pulumi-home");
  for (const d of [workDir, backend, home]) fs.mkdirSync(d);
  const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  project.plugins = {
    providers: ["kubernetes", "random", "tls"].map((name) => ({ name, path: pluginDir(name) })),
  };
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), stringify(project));
  const stackFile = path.join(workDir, `Pulumi.${STACK}.yaml`);
  const configure = (o: StackOverrides) => {
    // Keeps what `stack init` wrote there (the passphrase provider's encryptionsalt).
    const current = fs.existsSync(stackFile) ? (parse(fs.readFileSync(stackFile, "utf8")) ?? {}) : {};
    fs.writeFileSync(stackFile, stringify({ ...current, config: localStackConfig(o) }, { lineWidth: 0 }));
  };
  configure(overrides);
  const env = {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  const pulumiCommand = await PulumiCommand.get({ root: path.join(ROOT, ".cache", "engine") });
  const program = async () => {
    try {
      return await platformProgram({ projectRoot: ROOT });
    } catch (e) {
      // As index.ts: a located message for configuration and team file errors.
      if (isUserError(e)) throw new pulumi.RunError(e.message);
      throw e;
    }
  };
  const workspace = await LocalWorkspace.create({
    workDir,
    program,
    pulumiCommand,
    pulumiHome: home,
    envVars: env,
    secretsProvider: "passphrase",
  });
  const stack = await Stack.create(STACK, workspace);
  await stack.setTag("kafka-platform:environment", "dev");
  return {
    stack,
    workDir,
    env,
    pulumiCommand,
    exportText: () =>
      execFileSync(binary("pulumi"), ["stack", "export", "--stack", STACK], {
        cwd: workDir,
        env: { ...process.env, ...env },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      }),
    configure,
    dispose: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * Copies the committed team files into `dir` (a new temporary folder by default), replacing what is
 * there: tests edit the copy, and restore it for the next test. The folder stays the same because
 * its path is part of what the program declares (the team file's location in labels and messages).
 */
export function copyTeams(dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-teams-"))): string {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, "teams")).filter((n) => /\.ya?ml$/.test(n))) {
    fs.writeFileSync(
      path.join(dir, f),
      withoutShareGroups(fs.readFileSync(path.join(ROOT, "teams", f), "utf8")),
    );
  }
  return dir;
}

/**
 * A team file without its share-group applications: for a share group the program declares a Job
 * that applies the group's configs (components/group-configs.ts), and a Job only completes where
 * pods run. The tier has no kubelet, and awaiting stays on (docs/engine-tier.md).
 */
export function withoutShareGroups(teamFile: string): string {
  const file = parse(teamFile) as { applications?: { shareGroup?: unknown }[] };
  if (!file.applications?.some((a) => a.shareGroup)) return teamFile;
  file.applications = file.applications.filter((a) => !a.shareGroup);
  return stringify(file);
}
