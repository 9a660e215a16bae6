/**
 * Classifies what a Kafka client call ran into: allowed, denied by the broker (authorization or
 * authentication), or some other error. Only the broker's own error codes count as "denied", so a
 * network failure or a client bug never passes as a correct denial.
 */

/** Kafka error codes that mean "you may not" (authorization) or "you are not who you say" (authentication). */
export const DENIAL_CODES = [
  "TOPIC_AUTHORIZATION_FAILED",
  "GROUP_AUTHORIZATION_FAILED",
  "CLUSTER_AUTHORIZATION_FAILED",
  "TRANSACTIONAL_ID_AUTHORIZATION_FAILED",
  "SASL_AUTHENTICATION_FAILED",
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

export type AccessOutcome =
  { kind: "allowed" } | { kind: "denied"; reason: DenialCode } | { kind: "error"; message: string };

/** Kafka error names (`apiId`) found anywhere in a @platformatic/kafka error tree (errors[] and causes). */
export function kafkaErrorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== "object" || error === null || seen.has(error)) return [];
  seen.add(error);
  const e = error as { apiId?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
  const codes: string[] = [];
  if (typeof e.apiId === "string") codes.push(e.apiId);
  if (e.code === "PLT_KFK_AUTHENTICATION") codes.push("SASL_AUTHENTICATION_FAILED");
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...kafkaErrorCodes(inner, seen));
  codes.push(...kafkaErrorCodes(e.cause, seen));
  return codes;
}

/** Runs `attempt` (bounded by `timeoutMs`) and says whether the broker allowed or denied it. */
export async function accessOutcome(
  attempt: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<AccessOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([attempt(), timeout]);
    return { kind: "allowed" };
  } catch (error) {
    const codes = kafkaErrorCodes(error);
    const denial = DENIAL_CODES.find((code) => codes.includes(code));
    if (denial) return { kind: "denied", reason: denial };
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "error", message: codes.length > 0 ? `${message} [${codes.join(", ")}]` : message };
  } finally {
    clearTimeout(timer);
  }
}
