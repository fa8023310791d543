/** A record as kafkajs decodes it from a Fetch response (record batch v2). */
export interface RawRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | Buffer[] | undefined>;
  isControlRecord?: boolean;
  batchContext?: { producerId: string; inTransaction: boolean };
}

export interface AbortedTransaction {
  producerId: string;
  firstOffset: string;
}

/** Control record key: version int16, type int16; type 0 is ABORT. */
function isAbortMarker(r: RawRecord): boolean {
  return !!r.isControlRecord && !!r.key && r.key.length >= 4 && r.key.readInt16BE(2) === 0;
}

/**
 * Drops records of aborted transactions. The broker lists, per fetch, each aborted transaction's
 * producer and first offset; its records end at that producer's abort marker. (Same rule as the
 * Java consumer and kafkajs's consumer.)
 */
export function dropAborted(records: RawRecord[], aborted: AbortedTransaction[] | undefined): RawRecord[] {
  if (!aborted || aborted.length === 0) return records;
  const upcoming = [...aborted].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const active = new Set<string>();
  return records.filter((r) => {
    const off = BigInt(r.offset);
    while (upcoming.length > 0 && off >= BigInt(upcoming[0].firstOffset)) active.add(upcoming.shift()!.producerId);
    const producerId = r.batchContext?.producerId ?? '-1';
    if (isAbortMarker(r)) {
      active.delete(producerId);
      return true;
    }
    return !(active.has(producerId) && r.batchContext?.inTransaction);
  });
}
