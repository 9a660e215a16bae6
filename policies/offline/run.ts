/**
 * Runs the pack's policy objects over recorded resources without the Pulumi engine, calling them
 * with the arguments @pulumi/policy 1.21 builds (server.js `analyze` and `analyzeStack`): props,
 * options (`protect`, `parent`, aliases), provider, `stackTags`, `getConfig` with defaults and
 * `notApplicable`. Pure: no Pulumi runtime, no I/O.
 */
import {
  EnforcementLevel,
  Policies,
  PolicyPackConfig,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { ViolationReport } from "../lib/define";
import { resolvePackConfig, ResolvedPolicyConfig } from "./config";

/** A resource as the program registered it (plain inputs: secrets already unwrapped). */
export interface OfflineResource {
  type: string;
  name: string;
  urn: string;
  parent?: string;
  /** Provider reference `<provider urn>::<id>`. */
  provider?: string;
  protect: boolean;
  dependsOn?: string[];
  aliases?: string[];
  inputs: Record<string, unknown>;
}

/** One reported violation, at the level it counts for. */
export interface Violation {
  policy: string;
  level: "advisory" | "mandatory";
  /** URN of the resource, when the violation is about one. */
  urn?: string;
  /** Short resource label for output: `<Kind>/<name>`, or `stack`. */
  resource: string;
  message: string;
}

export interface NotApplicable {
  policy: string;
  urn?: string;
  reason?: string;
}

export interface OfflineRunOptions {
  policies: Policies;
  resources: OfflineResource[];
  stackTags?: ReadonlyMap<string, string>;
  /** The `--policy-pack-config` file's content. */
  config?: PolicyPackConfig;
  /** Name of the config file, for error messages. */
  configFile?: string;
  /** The PolicyPack's own enforcement level (index.ts uses `advisory`). */
  packEnforcementLevel?: EnforcementLevel;
}

export interface OfflineRunResult {
  violations: Violation[];
  notApplicable: NotApplicable[];
}

/** Thrown by `args.notApplicable`, as the SDK does. */
class NotApplicableError extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

function isStackPolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** `isType`/`asType` as the SDK implements them: by the class's `__pulumiType`. */
function typeCheckers(type: string, props: Record<string, unknown>) {
  const matches = (resourceClass: unknown) =>
    (resourceClass as { __pulumiType?: string })?.__pulumiType === type;
  return {
    isType: matches,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    asType: ((resourceClass: unknown) => (matches(resourceClass) ? props : undefined)) as any,
  };
}

function optionsOf(r: OfflineResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [],
    aliases: r.aliases ?? [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    parent: r.parent,
  };
}

/** Provider info from a `<urn>::<id>` reference, with the provider's inputs when it was recorded. */
function providerOf(
  r: OfflineResource,
  byUrn: Map<string, OfflineResource>,
): PolicyProviderResource | undefined {
  if (!r.provider) return undefined;
  const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
  const recorded = byUrn.get(urn);
  const type = urn.split("::")[2]?.split("$").pop() ?? "";
  return { type, urn, name: urn.split("::").pop() ?? "", props: recorded?.inputs ?? {} };
}

function labelOf(urn: string | undefined, byUrn: Map<string, OfflineResource>): string {
  const r = urn ? byUrn.get(urn) : undefined;
  if (!r) return urn ?? "stack";
  return `${r.type.slice(r.type.lastIndexOf(":") + 1)}/${r.name}`;
}

/** Levels a violation can end up at; `remediate` counts as mandatory, as in the engine. */
function effectiveLevel(level: EnforcementLevel): "advisory" | "mandatory" {
  return level === "advisory" ? "advisory" : "mandatory";
}

/** Runs every enabled policy over the resources and returns what they report. */
export async function runPoliciesOffline(options: OfflineRunOptions): Promise<OfflineRunResult> {
  const resolved = resolvePackConfig(options.policies, options.config ?? {}, {
    packEnforcementLevel: options.packEnforcementLevel,
    file: options.configFile,
  });
  const stackTags = options.stackTags ?? new Map<string, string>();
  const byUrn = new Map(options.resources.map((r) => [r.urn, r]));
  const violations: Violation[] = [];
  const notApplicable: NotApplicable[] = [];

  const reporterFor = (policy: string, settings: ResolvedPolicyConfig, fixedUrn?: string): ReportViolation =>
    ((report: string | ViolationReport, urn?: string) => {
      const r: ViolationReport = typeof report === "string" ? { message: report, urn } : report;
      const at = fixedUrn ?? r.urn;
      violations.push({
        policy,
        level: r.enforcementLevel ?? effectiveLevel(settings.enforcementLevel),
        urn: at,
        resource: labelOf(at, byUrn),
        message: r.message,
      });
    }) as ReportViolation;

  const guard = async (policy: string, urn: string | undefined, run: () => unknown) => {
    try {
      await run();
    } catch (e) {
      if (!(e instanceof NotApplicableError)) throw e;
      notApplicable.push({ policy, urn, reason: e.reason });
    }
  };

  // Built once: the stack policies' view, also the source of each resource policy's arguments.
  const policyResources = stackResources(options.resources, byUrn);
  for (const policy of options.policies) {
    const settings = resolved.get(policy.name)!;
    if (settings.enforcementLevel === "disabled") continue;
    const getConfig = <T extends object>() => ({ ...settings.properties }) as T;
    if (isStackPolicy(policy)) {
      const args: StackValidationArgs = {
        resources: policyResources,
        stackTags,
        getConfig,
        notApplicable: throwNotApplicable,
      };
      await guard(policy.name, undefined, () =>
        policy.validateStack(args, reporterFor(policy.name, settings)),
      );
      continue;
    }
    const validations: ResourceValidation[] = [policy.validateResource ?? []].flat();
    for (const r of policyResources) {
      for (const validation of validations) {
        // The engine's fast path: a validation tagged with a type skips every other type.
        const onlyType = (validation as { __pulumiType?: string }).__pulumiType;
        if (onlyType && onlyType !== r.type) continue;
        const args: ResourceValidationArgs = {
          type: r.type,
          props: r.props,
          urn: r.urn,
          name: r.name,
          opts: { ...r.opts },
          provider: r.provider,
          stackTags,
          isType: r.isType,
          asType: r.asType as ResourceValidationArgs["asType"],
          getConfig,
          notApplicable: throwNotApplicable,
        };
        await guard(policy.name, r.urn, () => validation(args, reporterFor(policy.name, settings, r.urn)));
      }
    }
  }
  return { violations, notApplicable };
}

/** The stack's resources as `PolicyResource`s, parents and dependencies linked by URN. */
function stackResources(resources: OfflineResource[], byUrn: Map<string, OfflineResource>): PolicyResource[] {
  const converted = new Map<string, PolicyResource>();
  const providers = new Map<string, PolicyProviderResource | undefined>();
  for (const r of resources) {
    if (r.provider && !providers.has(r.provider)) providers.set(r.provider, providerOf(r, byUrn));
    converted.set(r.urn, {
      type: r.type,
      props: r.inputs,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      provider: r.provider ? providers.get(r.provider) : undefined,
      dependencies: [],
      propertyDependencies: {},
      ...typeCheckers(r.type, r.inputs),
    });
  }
  for (const r of resources) {
    const resource = converted.get(r.urn)!;
    if (r.parent) resource.parent = converted.get(r.parent);
    resource.dependencies = (r.dependsOn ?? []).flatMap((urn) => converted.get(urn) ?? []);
  }
  return [...converted.values()];
}

/** `[level] policy-name: resource: message`, mandatory first. */
export function formatViolations(violations: Violation[]): string[] {
  const order = { mandatory: 0, advisory: 1 };
  return [...violations]
    .sort((a, b) => order[a.level] - order[b.level])
    .map((v) => `[${v.level}] ${v.policy}: ${v.resource}: ${v.message}`);
}
