import { z } from "zod";
import { Problem } from "../errors";
import { excerpt } from "./excerpt";
import { didYouMean } from "./suggest";
import { PathSegment } from "./yaml-source";

/** Locates a path in the source file, if the source is known. */
export type Locator = (
  path: readonly PathSegment[],
  opts?: { key?: boolean },
) => { line: number; col: number } | undefined;

export interface ProblemContext {
  /** File shown in messages. */
  file: string;
  /** Prefix of every reported path (e.g. `kafka-platform:kafka`). */
  pathPrefix?: string;
  /** Segments that lead from the file's root to the validated value (for locating). */
  sourcePath?: readonly PathSegment[];
  locate?: Locator;
  /** The schema that was validated, for listing allowed keys. */
  schema: z.ZodType;
  /** The value that was validated. */
  value: unknown;
  /** A better message for a particular unknown key (e.g. one set through another field), if any. */
  unknownKeyMessage?: (path: readonly PathSegment[], key: string) => string | undefined;
}

/** Formats a path as `a.b[0].c`. */
export function formatPath(path: readonly PathSegment[], prefix = ""): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Turns zod issues into located problems with messages that name the offending value and what is allowed. */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[], ctx: ProblemContext): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(ctx.schema, ctx.value, path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const message =
          ctx.unknownKeyMessage?.(path, key) ??
          `unknown key ${excerpt(key)}${didYouMean(key, allowed)}; allowed: ${allowed.join(", ")}`;
        problems.push(located(ctx, keyPath, message, true));
      }
      continue;
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      // A record key that fails its schema: zod says only "Invalid key in record"; say why, at the key.
      const key = path[path.length - 1];
      const why = issue.issues.map((i) => formatExpectation(i.message)).join("; ");
      problems.push(located(ctx, path, `${excerpt(String(key))} ${why}`, true));
      continue;
    }
    if (issue.code === "invalid_union") {
      // A discriminated union whose discriminator matches no member: name the allowed values.
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        problems.push(
          located(
            ctx,
            path,
            `${valueAt(ctx.value, path) === undefined ? "is required" : `${describeValue(valueAt(ctx.value, path))} is not allowed`}; expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}`,
          ),
        );
        continue;
      }
      // A plain union no member of which accepts the value's type: name the accepted types.
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const rootIssues = branches.map((b) => b.find((i) => i.path.length === 0));
      if (
        rootIssues.length > 0 &&
        rootIssues.every((i) => i && ["invalid_type", "invalid_value"].includes(i.code))
      ) {
        const expected = rootIssues.map((i) =>
          i!.code === "invalid_type"
            ? (i as { expected: string }).expected
            : (i as { values: unknown[] }).values.map((v) => JSON.stringify(v)).join(" or "),
        );
        const value = valueAt(ctx.value, path);
        problems.push(
          located(
            ctx,
            path,
            value === undefined
              ? `is required (${expected.join(" or ")})`
              : `expected ${expected.join(" or ")}, got ${describeValue(value)}`,
          ),
        );
        continue;
      }
    }
    problems.push(located(ctx, path, messageFor(issue, valueAt(ctx.value, path))));
  }
  return problems;
}

function located(ctx: ProblemContext, path: PathSegment[], message: string, key = false): Problem {
  const pos = ctx.locate?.([...(ctx.sourcePath ?? []), ...path], { key });
  return {
    file: ctx.file,
    line: pos?.line,
    col: pos?.col,
    path: formatPath(path, ctx.pathPrefix ?? ""),
    message,
  };
}

function messageFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `is required (${issue.expected})`
        : `expected ${issue.expected}, got ${describeValue(value)}`;
    case "invalid_value":
      return `${describeValue(value)} is not allowed; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${describeValue(value)} is too small: ${issue.message.replace(/^Too small: /, "")}`;
    case "too_big":
      return `${describeValue(value)} is too big: ${issue.message.replace(/^Too big: /, "")}`;
    case "invalid_format":
      return `${describeValue(value)} ${formatExpectation(issue.message)}`;
    default:
      return value === undefined ? issue.message : `${describeValue(value)}: ${issue.message}`;
  }
}

/**
 * A format rule's message as a predicate: team-file schemas say "must be …", configuration
 * schemas name what is expected ("a DNS label"), zod's defaults say "Invalid string: …".
 */
function formatExpectation(message: string): string {
  if (/^(must|is) /.test(message)) return message;
  return `is not ${message.replace(/^Invalid string: /, "")}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return typeof value === "string" ? excerpt(value) : JSON.stringify(value);
}

export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

type AnySchema = z.ZodType & { def?: unknown; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const inner = (s as unknown as { unwrap?: () => AnySchema }).unwrap;
    if (typeof inner === "function" && !(s instanceof z.ZodArray)) s = inner.call(s);
    else if (s instanceof z.ZodPipe) s = (s as unknown as { in: AnySchema }).in;
    else break;
  }
  return s;
}

/** Walks the schema along `path` (choosing union members by the value) and returns the object schema there. */
function schemaAt(schema: z.ZodType, value: unknown, path: readonly PathSegment[]): AnySchema | undefined {
  let s: AnySchema | undefined = unwrap(schema as AnySchema);
  let v = value;
  const steps = [...path, undefined];
  for (const seg of steps) {
    if (!s) return undefined;
    if (s instanceof z.ZodDiscriminatedUnion || s instanceof z.ZodUnion) {
      const options: AnySchema[] = (s as unknown as { options: AnySchema[] }).options.map(unwrap);
      s =
        options.find((o: AnySchema) => o.safeParse(v).success) ??
        options.find((o: AnySchema) => matchesDiscriminator(o, v)) ??
        options[0];
    }
    if (seg === undefined) return s;
    if (s instanceof z.ZodObject) {
      s = s.shape[seg as string] ? unwrap(s.shape[seg as string] as AnySchema) : undefined;
    } else if (s instanceof z.ZodArray) {
      s = unwrap((s as unknown as { element: AnySchema }).element);
    } else if (s instanceof z.ZodRecord) {
      s = unwrap((s as unknown as { valueType: AnySchema }).valueType);
    } else {
      return undefined;
    }
    v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[seg] : undefined;
  }
  return s;
}

function matchesDiscriminator(option: AnySchema, v: unknown): boolean {
  if (!(option instanceof z.ZodObject) || v === null || typeof v !== "object") return false;
  return Object.entries(option.shape).some(
    ([k, field]) => field instanceof z.ZodLiteral && (v as Record<string, unknown>)[k] === field.value,
  );
}

/** The keys an object at `path` allows. */
export function allowedKeys(schema: z.ZodType, value: unknown, path: readonly PathSegment[]): string[] {
  const s = schemaAt(schema, value, path);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
