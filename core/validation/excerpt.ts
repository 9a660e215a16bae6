/**
 * Short, escaped quotes of user input for messages. Messages reach terminals, CI logs and pull
 * request comments: they must never carry more than a few characters of a file (which may be a
 * secret or the CI environment) nor control characters that rewrite a terminal.
 */

/** Longest quoted excerpt, in characters (before escaping). */
export const EXCERPT_MAX = 40;

/** `value` as a JSON string literal, cut to `max` characters with `…` (escapes control characters). */
export function excerpt(value: string, max = EXCERPT_MAX): string {
  const cut = [...value].length > max ? `${[...value].slice(0, max).join("")}…` : value;
  // JSON.stringify escapes quotes, backslashes and C0 controls; also escape C1, bidi and line separators.
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
