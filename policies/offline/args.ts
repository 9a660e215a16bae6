/**
 * The arguments @pulumi/policy 1.21 passes to policies (server.js `analyze` and `analyzeStack`),
 * built from recorded resources: props, options (`protect`, `parent`, aliases), provider,
 * `stackTags`, `getConfig` and `notApplicable`.
 */
import {
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

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

/** What every validation gets besides the resource(s). */
export interface ValidationContext {
  stackTags: ReadonlyMap<string, string>;
  /** The policy's config with schema defaults (what the engine hands `getConfig`). */
  config: Record<string, unknown>;
}

/** Thrown by `args.notApplicable`, as the SDK does. */
export class NotApplicableError extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "Policy does not apply");
  }
}

export function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

export function isStackPolicy(
  p: ResourceValidationPolicy | StackValidationPolicy,
): p is StackValidationPolicy {
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

/** The stack's resources as `PolicyResource`s, parents and dependencies linked by URN. */
export function policyResources(resources: OfflineResource[]): PolicyResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
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

/** `ResourceValidationArgs` for one resource. */
export function resourceValidationArgs(
  resource: PolicyResource,
  ctx: ValidationContext,
): ResourceValidationArgs {
  return {
    type: resource.type,
    props: resource.props,
    urn: resource.urn,
    name: resource.name,
    opts: { ...resource.opts },
    provider: resource.provider,
    stackTags: ctx.stackTags,
    isType: resource.isType,
    asType: resource.asType as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...ctx.config }) as T,
    notApplicable: throwNotApplicable,
  };
}

/** `StackValidationArgs` for the whole stack. */
export function stackValidationArgs(
  resources: PolicyResource[],
  ctx: ValidationContext,
): StackValidationArgs {
  return {
    resources,
    stackTags: ctx.stackTags,
    getConfig: <T extends object>() => ({ ...ctx.config }) as T,
    notApplicable: throwNotApplicable,
  };
}
