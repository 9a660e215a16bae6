/**
 * Builders for the pack's policies: type matching, config with defaults, the environment and
 * waivers are handled here once, so that each rule file holds only its rule.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { configOf } from "./config";
import { Environment, environmentOf, labelledEnvironment } from "./environment";
import {
  Kafka,
  KafkaNodePool,
  KafkaTopic,
  KafkaUser,
  STRIMZI_KINDS,
  StrimziKind,
  strimziKindOf,
  StrimziObject,
  strimziType,
} from "./strimzi";
import { Clock, waiverFor } from "./waivers";

export interface StrimziObjects {
  KafkaTopic: KafkaTopic;
  KafkaUser: KafkaUser;
  Kafka: Kafka;
  KafkaNodePool: KafkaNodePool;
}

/** What every policy of the pack declares. */
export interface PolicyMetadata {
  /** kebab-case, unique in the pack. */
  name: string;
  /** One full sentence. */
  description: string;
  severity: Severity;
  /** Every property has a `default`. */
  configSchema: PolicyConfigSchema;
  remediationSteps: string;
}

/**
 * A violation as the SDK's `reportViolation` accepts it in object form (@pulumi/policy 1.21
 * server.js): it lets a waived violation carry `advisory` instead of the policy's level.
 */
export interface ViolationReport {
  message: string;
  urn?: string;
  enforcementLevel?: "advisory";
}

function reportWithWaiver(
  reportViolation: ReportViolation,
  policy: string,
  clock: Clock,
  obj: StrimziObject,
  message: string,
  urn: string | undefined,
): void {
  const waiver = waiverFor(obj, policy, clock);
  const report: ViolationReport = { message, urn };
  if (waiver.state === "active") {
    const reason = waiver.waiver.reason ? `: ${waiver.waiver.reason}` : "";
    const approver = waiver.waiver.approver ? ` by ${waiver.waiver.approver}` : "";
    report.message = `${message} [waived${approver} until ${waiver.waiver.expires}${reason}]`;
    report.enforcementLevel = "advisory";
  } else if (waiver.state === "expired") {
    report.message = `${message} [waiver expired ${waiver.waiver.expires}; renew or fix it]`;
  }
  (reportViolation as unknown as (report: ViolationReport) => void)(report);
}

/** What a resource rule sees besides the object. */
export interface ResourceRuleContext<C> {
  config: C;
  environment: Environment;
  /** The resource's Pulumi `protect` option. */
  protect: boolean;
  /** Reports a violation on this object (waivers applied). */
  report(message: string): void;
}

/** A resource policy on one Strimzi kind. */
export function resourcePolicy<K extends StrimziKind, C>(
  spec: PolicyMetadata & {
    kind: K;
    validate(obj: StrimziObjects[K], ctx: ResourceRuleContext<C>): void;
  },
  clock: Clock,
): ResourceValidationPolicy {
  const { kind, validate, ...metadata } = spec;
  const type = strimziType(kind);
  const validation: ResourceValidation = (args: ResourceValidationArgs, reportViolation) => {
    if (args.type !== type) args.notApplicable(`applies to ${kind} resources only`);
    const obj = args.props as StrimziObjects[K];
    validate(obj, {
      config: configOf<C>(spec.configSchema, args.getConfig()),
      environment: environmentOf(obj, args.stackTags),
      protect: args.opts.protect,
      report: (message) => reportWithWaiver(reportViolation, spec.name, clock, obj, message, undefined),
    });
  };
  // The engine (and the offline runner) skip other types without calling the policy.
  (validation as { __pulumiType?: string }).__pulumiType = type;
  return { ...metadata, validateResource: validation };
}

/** One Strimzi resource of the stack. */
export interface StackResource<K extends StrimziKind = StrimziKind> {
  kind: K;
  urn: string;
  name: string;
  object: StrimziObjects[K];
  protect: boolean;
}

export type ResourcesByKind = { [K in StrimziKind]: StackResource<K>[] };

/** What a stack rule sees besides the resources. */
export interface StackRuleContext<C> {
  config: C;
  /** The environment of one object (its label, else the stack tag). */
  environmentOf(obj: StrimziObject): Environment;
  /** Reports a violation on a resource (waivers applied), or on the whole stack. */
  report(resource: StackResource | undefined, message: string): void;
}

/** Groups the stack's Strimzi resources by kind in one pass. */
export function strimziResources(args: StackValidationArgs): ResourcesByKind {
  const byKind = Object.fromEntries(STRIMZI_KINDS.map((k) => [k, []])) as unknown as ResourcesByKind;
  for (const r of args.resources) {
    const kind = strimziKindOf(r.type);
    if (!kind) continue;
    (byKind[kind] as StackResource[]).push({
      kind,
      urn: r.urn,
      name: r.name,
      object: r.props as StrimziObject,
      protect: r.opts.protect,
    });
  }
  return byKind;
}

/** A stack policy over the stack's Strimzi resources. Rules must stay linear in the resource count. */
export function stackPolicy<C>(
  spec: PolicyMetadata & { validate(resources: ResourcesByKind, ctx: StackRuleContext<C>): void },
  clock: Clock,
): StackValidationPolicy {
  const { validate, ...metadata } = spec;
  return {
    ...metadata,
    validateStack: (args, reportViolation) => {
      const resources = strimziResources(args);
      // For unlabelled objects (e.g. the cluster's) without a stack tag: the team objects' label
      // (topics first, then users).
      const labelled = [...resources.KafkaTopic, ...resources.KafkaUser].find((r) =>
        labelledEnvironment(r.object),
      );
      const stackEnvironment = labelled && labelledEnvironment(labelled.object);
      validate(resources, {
        config: configOf<C>(spec.configSchema, args.getConfig()),
        environmentOf: (obj) => environmentOf(obj, args.stackTags, stackEnvironment),
        report: (resource, message) => {
          if (resource) {
            reportWithWaiver(reportViolation, spec.name, clock, resource.object, message, resource.urn);
          } else {
            (reportViolation as unknown as (report: ViolationReport) => void)({ message });
          }
        },
      });
    },
  };
}
