/** Durations: a positive integer with a unit (s, m, h, d, w). */
export const DURATION = /^[1-9][0-9]*[smhdw]$/;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

/** Milliseconds of a duration such as `7d`, or of integer milliseconds; throws for anything else. */
export function durationToMs(value: string | number): number {
  if (typeof value === "number") return value;
  if (!DURATION.test(value)) throw new Error(`not a duration: ${JSON.stringify(value)}`);
  return Number(value.slice(0, -1)) * UNIT_MS[value.slice(-1)];
}
