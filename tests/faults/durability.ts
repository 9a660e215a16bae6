/**
 * What the fault drill checks about a topic's contents: every acknowledged message is there once,
 * in the order it was sent per key. Pure, so that the checks themselves are unit-tested.
 */

/** One message as the drill producer sends it: a key and that key's sequence number (0, 1, 2, …). */
export interface KeyedSeq {
  key: string;
  seq: number;
}

/** The figures of one produce→consume comparison. */
export interface DurabilityFigures {
  /** Messages the broker acknowledged (acks=all). */
  acknowledged: number;
  /** Records read back (including ones whose send failed but that were written anyway). */
  consumed: number;
  /** Acknowledged messages not read back. */
  lost: number;
  /** Extra copies of a (key, seq) read back. */
  duplicated: number;
  /** First copies whose seq is lower than an earlier record's seq of the same key. */
  reordered: number;
  /** Records read back whose send was not acknowledged (allowed: a failed send may still be written). */
  unacknowledgedButWritten: number;
}

const id = (m: KeyedSeq): string => `${m.key}\u0000${m.seq}`;

/**
 * Compares what was acknowledged with what was read back. `consumed` must be in log order per
 * partition; since one key always maps to one partition, per-key order is the log order.
 */
export function compareDelivery(acknowledged: KeyedSeq[], consumed: KeyedSeq[]): DurabilityFigures {
  const acked = new Set(acknowledged.map(id));
  const seen = new Map<string, number>();
  const lastSeqOfKey = new Map<string, number>();
  let reordered = 0;
  for (const record of consumed) {
    const recordId = id(record);
    const copies = seen.get(recordId) ?? 0;
    seen.set(recordId, copies + 1);
    // A second copy counts as a duplicate only, not also as out of order.
    if (copies > 0) continue;
    const last = lastSeqOfKey.get(record.key);
    if (last !== undefined && record.seq < last) reordered++;
    else lastSeqOfKey.set(record.key, record.seq);
  }
  let duplicated = 0;
  for (const count of seen.values()) duplicated += count - 1;
  let lost = 0;
  for (const a of acked) if (!seen.has(a)) lost++;
  let unacknowledgedButWritten = 0;
  for (const s of seen.keys()) if (!acked.has(s)) unacknowledgedButWritten++;
  return {
    acknowledged: acked.size,
    consumed: consumed.length,
    lost,
    duplicated,
    reordered,
    unacknowledgedButWritten,
  };
}
