/**
 * Transaction markers: the control batches (one control record each) that end a transaction in
 * a data partition. Key: version int16 (0) + type int16 (0 ABORT, 1 COMMIT); value: version
 * int16 (0) + coordinatorEpoch int32 — Kafka's ControlRecordType and EndTransactionMarker.
 */
import { buildBatch, iterateRecords, type BatchHeader } from '../../kafka-protocol/index.js';

const ABORT = 0;
const COMMIT = 1;
const MARKER_VERSION = 0;

export interface TxnMarker {
  producerId: bigint;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
}

/** The control batch for `m` at `offset`, stamped with the broker's time. */
export function buildMarkerBatch(m: TxnMarker, offset: bigint, leaderEpoch: number, nowMs: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(MARKER_VERSION, 0);
  key.writeInt16BE(m.commit ? COMMIT : ABORT, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(MARKER_VERSION, 0);
  value.writeInt32BE(m.coordinatorEpoch, 2);
  return buildBatch({
    baseOffset: offset,
    records: [{ key, value, timestamp: BigInt(nowMs) }],
    producerId: m.producerId,
    producerEpoch: m.producerEpoch,
    baseSequence: -1,
    isTransactional: true,
    isControl: true,
    partitionLeaderEpoch: leaderEpoch,
  });
}

/** Reads the marker in a control batch read back from the log; null for anything else. */
export function parseMarker(h: BatchHeader, batch: Buffer): TxnMarker | null {
  if (!h.isControl || !h.isTransactional) return null;
  try {
    for (const r of iterateRecords(batch, { skipHeaders: true, maxDecompressedBytes: 1024 })) {
      if (!r.key || r.key.length < 4) return null;
      const type = r.key.readInt16BE(2);
      if (type !== ABORT && type !== COMMIT) return null;
      const coordinatorEpoch = r.value && r.value.length >= 6 ? r.value.readInt32BE(2) : -1;
      return { producerId: h.producerId, producerEpoch: h.producerEpoch, commit: type === COMMIT, coordinatorEpoch };
    }
  } catch {
    /* an unreadable control batch ends no transaction */
  }
  return null;
}
