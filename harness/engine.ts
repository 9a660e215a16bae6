import { existsSync, readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { UserError } from "../core/errors";
import { parseTeamStackName } from "../core/stacks/plan";
import type { TeamStackInput } from "../program";
import type { CrdSource } from "../core/strimzi/kafka-operator-chart";
import { parseYamlSource, yamlSyntaxProblems } from "../core/validation/yaml-source";
import { platformMocks } from "./mocks";

/** Runtime internals the SDK marks @internal (used by its own `setMocks`). */
const internals = {
  getStore: require("@pulumi/pulumi/runtime/state").getStore as () => Record<string, unknown>,
  waitForRPCs: require("@pulumi/pulumi/runtime/settings").waitForRPCs as () => Promise<void>,
};

/** One resource as the program registered it. */
export interface RecordedResource {
  /** Pulumi type token, e.g. `kubernetes:kafka.strimzi.io/v1:KafkaTopic`. */
  type: string;
  /** Pulumi resource name (the last URN segment). */
  name: string;
  urn: string;
  /** URN of the parent, if any. */
  parent?: string;
  /** Provider reference (`<urn>::<id>`), if the resource names one explicitly. */
  provider?: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** URNs of explicit and implicit dependencies. */
  dependsOn: string[];
  /** Alias specs, rendered as `name=…`/`parent=…`/URN strings. */
  aliases: string[];
  custom: boolean;
  /** The `replacementTrigger` option (decoded), if any: a change replaces the resource. */
  replacementTrigger?: unknown;
  /** Inputs as registered; secret values still wrapped (see `plain`/`redact`). */
  inputs: Record<string, unknown>;
}

/** What one program run produced. */
export interface ProgramRun {
  stack: string;
  resources: RecordedResource[];
  /** Stack outputs, secrets still wrapped. */
  outputs: Record<string, unknown>;
}

export interface RunOptions {
  /**
   * Stack name; its config is read from `Pulumi.<stack>.yaml`. A team stack (`prod.teams.payments`)
   * may have no stack file: its program reads the platform stack's configuration (`teamStack`).
   */
  stack: string;
  /** Project root (default: this repository). */
  projectRoot?: string;
  /** Team files directory, overriding `kafka-platform:teams.dir`. */
  teamsDir?: string;
  /** Waiver file (default: `platform/waivers.yaml` of the project). */
  waiversFile?: string;
  /**
   * The whole organisation in one run, whatever `stacks.layout` says (`policy`, `render`): organisation-wide
   * policies see every team, as they would in the single layout.
   */
  wholeOrganisation?: boolean;
  /** Replaces or adds `kafka-platform:*` keys (values as in the YAML file) after reading the stack file. */
  configOverrides?: Record<string, unknown>;
  /** Run as a preview (`pulumi preview`) instead of an update. */
  preview?: boolean;
  /** Another program to run instead of the platform's (benchmarks compare against a minimal one). */
  program?: () => Promise<Record<string, unknown>>;
  /** A team stack's run (split layout): its platform stack's configuration and outputs (`teamStackInput`). */
  teamStack?: TeamStackInput;
}

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Records every RegisterResource request with the options mocks do not pass on. */
class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];
  /** The root stack's outputs as the engine receives them (secrets still wrapped). */
  stackOutputs: Record<string, unknown> | undefined;
  /** The record whose inputs the mocks are about to receive (see the constructor). */
  private pending: RecordedResource | undefined;

  constructor(mocks: pulumi.runtime.Mocks) {
    // The inputs are recorded as the mocks receive them: MockMonitor has already deserialized
    // them (synchronously, before its first await), so they are not decoded twice.
    super({
      call: (args) => mocks.call(args),
      newResource: (args) => {
        if (this.pending) this.pending.inputs = args.inputs;
        this.pending = undefined;
        return mocks.newResource(args);
      },
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  registerResourceOutputs(req: any, callback: (err: unknown, res: unknown) => void): void {
    if (req.getUrn() === this.recorded[0]?.urn && this.recorded[0].type === "pulumi:pulumi:Stack") {
      this.stackOutputs = rpc.deserializeProperties(req.getOutputs());
    }
    super.registerResourceOutputs(req, callback);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async registerResource(req: any, callback: (err: unknown, res: unknown) => void): Promise<void> {
    const parent: string = req.getParent();
    const type: string = req.getType();
    const name: string = req.getName();
    this.recorded.push({
      type,
      name,
      urn: (this as unknown as { newUrn: (p: string, t: string, n: string) => string }).newUrn(
        parent,
        type,
        name,
      ),
      parent: parent || undefined,
      provider: req.getProvider() || undefined,
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      dependsOn: req.getDependenciesList(),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      aliases: req.getAliasesList().map((a: any) => {
        const spec = a.getSpec?.();
        if (!spec) return a.getUrn();
        return [
          spec.getName() && `name=${spec.getName()}`,
          spec.getParenturn() && `parent=${spec.getParenturn()}`,
        ]
          .filter(Boolean)
          .join(",");
      }),
      custom: req.getCustom(),
      replacementTrigger: req.getReplacementTrigger()?.toJavaScript(),
      inputs: {},
    });
    this.pending = this.recorded[this.recorded.length - 1];
    return super.registerResource(req, callback);
  }
}

/** Reads `Pulumi.<stack>.yaml` into the flat key → string map the Pulumi engine hands a program. */
export function readStackConfig(projectRoot: string, stack: string, overrides: Record<string, unknown> = {}) {
  const file = path.join(projectRoot, `Pulumi.${stack}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError([
      { file: `Pulumi.${stack}.yaml`, path: "", message: `no such stack file in ${projectRoot}` },
    ]);
  }
  const source = parseYamlSource(`Pulumi.${stack}.yaml`, text);
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) throw new UserError(syntax, `Invalid stack file Pulumi.${stack}.yaml:`);
  const doc = (source.doc.toJS() ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const values = { ...(doc.config ?? {}) };
  for (const [k, v] of Object.entries(overrides)) values[k.includes(":") ? k : `kafka-platform:${k}`] = v;
  for (const [key, value] of Object.entries(values)) {
    if (value && typeof value === "object" && "secure" in value) {
      config[key] = "mock-secret-value";
      secretKeys.push(key);
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { config, secretKeys };
}

/**
 * The stack's `stacks` config with the single layout: the environment as one stack, every team in
 * it, as `policy` and `render` check and show it whatever the layout (the split layout's groups are
 * still validated).
 */
function wholeOrganisationLayout(config: Record<string, string>): string {
  const own = config["kafka-platform:stacks"];
  return JSON.stringify({ ...(own ? (JSON.parse(own) as object) : {}), layout: "single" });
}

/**
 * Runs the program (`program.ts`, as `index.ts` does) under mocks for a named stack, with the
 * configuration of the committed stack file, and records every registered resource.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const teamStackWithoutFile =
    parseTeamStackName(options.stack) !== undefined &&
    !existsSync(path.join(projectRoot, `Pulumi.${options.stack}.yaml`));
  const { config, secretKeys } = teamStackWithoutFile
    ? { config: {}, secretKeys: [] }
    : readStackConfig(projectRoot, options.stack, options.configOverrides);
  if (options.wholeOrganisation) config["kafka-platform:stacks"] = wholeOrganisationLayout(config);
  const monitor = new RecordingMonitor(platformMocks);
  settings.setMockOptions(monitor, "kafka-platform", options.stack, options.preview ?? false);
  const store = internals.getStore();
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsAliasSpecs: true,
  });
  pulumi.runtime.setAllConfig(config, secretKeys);

  // Loaded lazily so that the mocks are in place before any provider module initialises.
  const { platformProgram } = await import("../program");
  const program =
    options.program ??
    (() =>
      platformProgram({
        projectRoot,
        teamsDir: options.teamsDir,
        waiversFile: options.waiversFile,
        resolveCrdsFile: offlineCrdsFile,
        teamStack: options.teamStack,
      }));
  // The SDK captures a full stack trace per resource for its source position; ts-node's source-map
  // support would map every frame of it, which triples the cost of a run. Positions are not needed here.
  // Likewise the SDK's promise-leak bookkeeping takes a stack trace per Output; a short limit keeps
  // that cheap (Resource.callsites() raises the limit itself where it needs the whole stack).
  const prepareStackTrace = Error.prepareStackTrace;
  const stackTraceLimit = Error.stackTraceLimit;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
  Error.stackTraceLimit = 1;
  // The program's failure is rethrown after the run: handed to the SDK, it would also reject the
  // stack's own promises, which nobody awaits (an unhandled rejection with a stack trace in the CLI).
  let failure: { error: unknown } | undefined;
  const guarded = async () => {
    try {
      return await program();
    } catch (error) {
      failure = { error };
      return {};
    }
  };
  try {
    await pulumi.runtime.runInPulumiStack(guarded);
    await internals.waitForRPCs();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (failure) throw failure.error;
  return { stack: options.stack, resources: [...monitor.recorded], outputs: monitor.stackOutputs ?? {} };
}

/**
 * What `kafka-platform up` hands a team stack's run: the platform stack's configuration (its stack
 * file, with the same overrides as its run) and its outputs, secrets unwrapped as the CLI reads them.
 */
export function teamStackInput(
  platformRun: ProgramRun,
  options: { projectRoot?: string; configOverrides?: Record<string, unknown> } = {},
): TeamStackInput {
  const { config } = readStackConfig(
    options.projectRoot ?? PROJECT_ROOT,
    platformRun.stack,
    options.configOverrides,
  );
  const outputs = plain(platformRun.outputs) as Record<string, unknown>;
  return {
    platformConfig: config,
    platform: {
      kubeconfig: outputs.kubeconfig as string,
      kafkaClusterCaCert: outputs.kafkaClusterCaCert as string,
      clusterProvider: outputs.clusterProvider as TeamStackInput["platform"]["clusterProvider"],
    },
  };
}

/**
 * The Strimzi CRD source as the CRD ConfigFile's `file`, without downloading: the mocks never read
 * it. The real program downloads and verifies a pinned URL first (components/strimzi-crds-file.ts).
 */
export async function offlineCrdsFile(source: CrdSource): Promise<string> {
  return "url" in source ? source.url : source.path;
}

/** True for a value Pulumi marked secret. */
export function isSecret(value: unknown): boolean {
  return rpc.isRpcSecret(value);
}

/** The value with every secret unwrapped (for tests and the real-Kafka tier, never for output). */
export function plain(value: unknown): unknown {
  if (rpc.isRpcSecret(value)) return plain(rpc.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export const REDACTED = "[secret]";

/** The value with every secret replaced by `[secret]`. */
export function redact(value: unknown): unknown {
  if (rpc.isRpcSecret(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

/**
 * Everything a run shows without revealing secrets — every resource's inputs and the stack
 * outputs, redacted — for tests that a secret value appears nowhere in plain text.
 */
export function redactedText(run: ProgramRun): string {
  return JSON.stringify([run.resources.map((r) => redact(r.inputs)), redact(run.outputs)]);
}
