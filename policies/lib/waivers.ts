import { WAIVERS_ANNOTATION } from "../../core/labels";
import { annotationOf, StrimziObject } from "./strimzi";

/** A waiver from platform/waivers.yaml, as the team component puts it on the objects it applies to. */
export interface Waiver {
  policy: string;
  resource?: string;
  reason?: string;
  /** Who in the platform team approved it. */
  approver?: string;
  /** `YYYY-MM-DD` (valid through that day, UTC) or an ISO timestamp. */
  expires: string;
}

/** Where policies get the current time; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant at which a waiver no longer applies (NaN for an unreadable date). */
export function waiverEnd(waiver: Waiver): number {
  const start = Date.parse(DATE_ONLY.test(waiver.expires) ? `${waiver.expires}T00:00:00Z` : waiver.expires);
  return DATE_ONLY.test(waiver.expires) ? start + 86_400_000 : start;
}

/** The waivers on an object; an unreadable annotation yields none (core/waivers.ts rejects bad ones). */
export function waiversOf(obj: StrimziObject): Waiver[] {
  const text = annotationOf(obj, WAIVERS_ANNOTATION);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.filter((w): w is Waiver => typeof w?.policy === "string" && typeof w?.expires === "string")
      : [];
  } catch {
    return [];
  }
}

/** How a policy's finding on an object is affected by the object's waivers. */
export type WaiverState =
  { state: "none" } | { state: "active"; waiver: Waiver } | { state: "expired"; waiver: Waiver };

/**
 * The waiver for `policy` on `obj`: `active` until its end, `expired` after. The annotation holds
 * only the waivers that apply to this object, so matching is by policy name. With several, the
 * one that lasts longest wins.
 */
export function waiverFor(obj: StrimziObject, policy: string, clock: Clock): WaiverState {
  let best: Waiver | undefined;
  for (const w of waiversOf(obj)) {
    if (w.policy === policy && (!best || waiverEnd(w) > waiverEnd(best))) best = w;
  }
  if (!best) return { state: "none" };
  return clock.now().getTime() < waiverEnd(best)
    ? { state: "active", waiver: best }
    : { state: "expired", waiver: best };
}
