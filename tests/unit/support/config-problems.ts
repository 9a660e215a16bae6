import { strict as assert } from "assert";
import { isUserError } from "../../../core/errors";

/** The located problems `fn` throws (`<line>: <key path>: <message>`); fails the test when it throws none. */
export function configProblemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e.problems.map((p) => `${p.line ?? "?"}: ${p.path}: ${p.message}`);
    throw e;
  }
  assert.fail("expected a UserError");
}
