/**
 * Runs the pack's policy objects over recorded resources without the Pulumi engine, as the engine
 * does: config resolved like `--policy-pack-config` (./config.ts), each policy called with the
 * arguments @pulumi/policy 1.21 builds (./args.ts), violations collected at their enforcement
 * level (a waived one at `advisory`). Pure: no Pulumi runtime, no I/O.
 */
import {
  EnforcementLevel,
  Policies,
  PolicyPackConfig,
  ReportViolation,
  ResourceValidation,
} from "@pulumi/policy";
import { SOURCE_ANNOTATION } from "../../core/labels";
import { ViolationReport } from "../lib/define";
import {
  isStackPolicy,
  NotApplicableError,
  OfflineResource,
  policyResources,
  resourceValidationArgs,
  stackValidationArgs,
} from "./args";
import { resolvePackConfig, ResolvedPolicyConfig } from "./config";

export type { OfflineResource } from "./args";

/** One reported violation, at the level it counts for. */
export interface Violation {
  policy: string;
  level: "advisory" | "mandatory";
  /** URN of the resource, when the violation is about one. */
  urn?: string;
  /** Short resource label for output: `<Kind>/<name>`, or `stack`. */
  resource: string;
  /** Where the resource is declared, e.g. `teams/payments.yaml:12` (the team model's line, else the annotation's file). */
  source?: string;
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
  /**
   * Where topics and users are declared, with lines (`sourceLines` of the team model): the objects'
   * source annotation names only the file.
   */
  sourceLines?: ReadonlyMap<string, string>;
}

export interface OfflineRunResult {
  violations: Violation[];
  notApplicable: NotApplicable[];
}

/** Where the resource is declared: its file and line from `lines`, else its source annotation (the file). */
function sourceOf(
  urn: string | undefined,
  byUrn: Map<string, OfflineResource>,
  lines: ReadonlyMap<string, string> | undefined,
): string | undefined {
  const resource = urn ? byUrn.get(urn) : undefined;
  const inputs = resource?.inputs as
    | { metadata?: { name?: string; annotations?: Record<string, unknown> }; spec?: { topicName?: string } }
    | undefined;
  const kind = resource ? resource.type.slice(resource.type.lastIndexOf(":") + 1) : undefined;
  const kafkaName =
    kind === "KafkaTopic" ? (inputs?.spec?.topicName ?? inputs?.metadata?.name) : inputs?.metadata?.name;
  const located = kind && kafkaName ? lines?.get(`${kind}/${kafkaName}`) : undefined;
  if (located) return located;
  const source = inputs?.metadata?.annotations?.[SOURCE_ANNOTATION];
  return typeof source === "string" ? source : undefined;
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
        ...(sourceOf(at, byUrn, options.sourceLines)
          ? { source: sourceOf(at, byUrn, options.sourceLines) }
          : {}),
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
  const resources = policyResources(options.resources);
  for (const policy of options.policies) {
    const settings = resolved.get(policy.name)!;
    if (settings.enforcementLevel === "disabled") continue;
    const ctx = { stackTags, config: settings.properties };
    if (isStackPolicy(policy)) {
      const args = stackValidationArgs(resources, ctx);
      await guard(policy.name, undefined, () =>
        policy.validateStack(args, reporterFor(policy.name, settings)),
      );
      continue;
    }
    const validations: ResourceValidation[] = [policy.validateResource ?? []].flat();
    for (const r of resources) {
      for (const validation of validations) {
        // The engine's fast path: a validation tagged with a type skips every other type.
        const onlyType = (validation as { __pulumiType?: string }).__pulumiType;
        if (onlyType && onlyType !== r.type) continue;
        const args = resourceValidationArgs(r, ctx);
        await guard(policy.name, r.urn, () => validation(args, reporterFor(policy.name, settings, r.urn)));
      }
    }
  }
  return { violations, notApplicable };
}

/** `[level] policy-name: resource (team file:line): message`, mandatory first. */
export function formatViolations(violations: Violation[]): string[] {
  const order = { mandatory: 0, advisory: 1 };
  return [...violations]
    .sort((a, b) => order[a.level] - order[b.level])
    .map((v) => `[${v.level}] ${v.policy}: ${v.resource}${v.source ? ` (${v.source})` : ""}: ${v.message}`);
}
