/** Transactions in the partition log: markers, the last stable offset and the aborted-transaction index, across restarts and crashes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBatch, ErrorCode, KafkaProtocolError, readRecords, splitBatches } from '../../kafka-protocol/index.js';
import { useLogFixture } from '../testing/partition-log-fixture.js';

const fx = useLogFixture();
const openLog = fx.openLog;
const allow = () => ErrorCode.NONE;

/** A batch of `n` records from producer `pid`, transactional unless said otherwise. */
function txnBatch(pid: bigint, seq: number, n = 2, epoch = 0, transactional = true): Buffer {
  return buildBatch({
    records: Array.from({ length: n }, (_, i) => ({
      key: `k${seq + i}`,
      value: `p${pid}-${seq + i}`,
      timestamp: 1000n,
    })),
    producerId: pid,
    producerEpoch: epoch,
    baseSequence: seq,
    isTransactional: transactional,
  });
}

const marker = (pid: bigint, commit: boolean, epoch = 0) => ({
  producerId: pid,
  producerEpoch: epoch,
  commit,
  coordinatorEpoch: 0,
});

/** Base offsets of the batches a read returns. */
function baseOffsets(buf: Buffer): bigint[] {
  return buf.length === 0 ? [] : splitBatches(buf).map((b) => b.header.baseOffset);
}

describe('transactions in the partition log', () => {
  it('refuses transactional batches unless the request was verified', () => {
    const log = openLog();
    expect(() => log.append(txnBatch(7n, 0))).toThrow(KafkaProtocolError);
    expect(() => log.append(txnBatch(7n, 0), () => ErrorCode.INVALID_TXN_STATE)).toThrow(/refused/);
    expect(log.logEndOffset).toBe(0n);
    log.append(txnBatch(7n, 0), allow);
    expect(log.logEndOffset).toBe(2n);
  });

  it('holds the LSO at the first open transaction and moves it on commit or abort', () => {
    const log = openLog();
    log.append(txnBatch(1n, 0, 1, 0, false), undefined); // plain idempotent: offsets 0
    log.append(txnBatch(2n, 0), allow); // txn A: 1-2
    log.append(txnBatch(3n, 0), allow); // txn B: 3-4
    expect([log.highWatermark, log.lastStableOffset]).toEqual([5n, 1n]);
    expect(log.appendMarker(marker(3n, true))).toBe(5n); // B commits; A still open
    expect(log.lastStableOffset).toBe(1n);
    expect(baseOffsets(log.read(0n, 1 << 20, log.lastStableOffset))).toEqual([0n]);
    expect(log.appendMarker(marker(2n, false))).toBe(6n); // A aborts
    expect(log.lastStableOffset).toBe(7n);
    expect(baseOffsets(log.read(0n, 1 << 20, log.lastStableOffset))).toEqual([0n, 1n, 3n, 5n, 6n]);
    expect(log.abortedTransactions(0n, 7n)).toEqual([
      { producerId: 2n, firstOffset: 1n, lastOffset: 6n, lastStableOffset: 7n },
    ]);
    expect(log.abortedTransactions(7n, 7n)).toEqual([]);
    const states = [...log.producerStates()].map((p) => [p.producerId, p.txnFirstOffset]);
    expect(states).toEqual([
      [1n, -1n],
      [2n, -1n],
      [3n, -1n],
    ]);
  });

  it('never puts the LSO below the log start offset', () => {
    const log = openLog();
    log.append(txnBatch(2n, 0), allow); // open at 0
    for (let i = 0; i < 3; i++) log.append(txnBatch(9n, i * 2, 2, 0, false));
    expect(log.lastStableOffset).toBe(0n);
    log.deleteRecordsBefore(5n);
    expect(log.lastStableOffset).toBe(5n);
  });

  it('fences an older epoch with a newer marker, and refuses a stale marker', () => {
    const log = openLog();
    log.append(txnBatch(4n, 0, 1, 3), allow);
    log.appendMarker(marker(4n, false, 4));
    expect(() => log.append(txnBatch(4n, 1, 1, 3), allow)).toThrow(/older than the current epoch/);
    expect(() => log.appendMarker(marker(4n, true, 2))).toThrow(KafkaProtocolError);
  });

  it('keeps the aborted index, the LSO and open transactions across a clean restart', () => {
    let log = openLog();
    log.append(txnBatch(2n, 0), allow);
    log.appendMarker(marker(2n, false));
    log.append(txnBatch(3n, 0), allow); // open at 3
    log.close();
    log = openLog();
    expect(log.lastStableOffset).toBe(3n);
    expect(log.abortedTransactions(0n, 3n)).toEqual([
      { producerId: 2n, firstOffset: 0n, lastOffset: 2n, lastStableOffset: 3n },
    ]);
    log.appendMarker(marker(3n, true));
    expect(log.lastStableOffset).toBe(6n);
  });

  it('rebuilds an index entry lost in a crash (no close, .txnindex emptied) from the log', () => {
    const log = openLog();
    log.append(txnBatch(2n, 0), allow);
    log.append(txnBatch(5n, 0), allow);
    log.appendMarker(marker(2n, false)); // offset 4
    log.appendMarker(marker(5n, false)); // offset 5
    // kill -9 before the index write reached the file, as far as the next open can tell:
    const idx = fs.readdirSync(fx.dir).find((n) => n.endsWith('.txnindex'))!;
    fs.truncateSync(path.join(fx.dir, idx), 34 + 10); // one entry and a torn one
    const again = openLog();
    expect(again.abortedTransactions(0n, 6n).map((a) => [a.producerId, a.firstOffset, a.lastOffset])).toEqual([
      [2n, 0n, 4n],
      [5n, 2n, 5n],
    ]);
    expect(again.lastStableOffset).toBe(6n);
  });

  it('keeps aborted transactions whose markers sit in later segments, and drops them with their segment', () => {
    const log = openLog({ segmentBytes: 300 });
    log.append(txnBatch(2n, 0, 2), allow); // 0-1, open
    for (let i = 0; i < 6; i++) log.append(txnBatch(9n, i * 2, 2, 0, false)); // plain idempotent 2-13
    log.appendMarker(marker(2n, false)); // 14
    expect(log.segmentCount).toBeGreaterThan(2);
    expect(log.abortedTransactions(0n, 2n)).toEqual([
      { producerId: 2n, firstOffset: 0n, lastOffset: 14n, lastStableOffset: 15n },
    ]);
    log.deleteRecordsBefore(15n);
    expect(log.abortedTransactions(15n, 15n)).toEqual([]);
  });

  it('compaction keeps the committed value of a key whose later update was aborted, and only below the LSO', () => {
    const log = openLog({ cleanupPolicy: 'compact', segmentBytes: 400 });
    const rec = (pid: bigint, seq: number, value: string) =>
      buildBatch({
        records: [{ key: 'a', value, timestamp: 1000n }],
        producerId: pid,
        producerEpoch: 0,
        baseSequence: seq,
        isTransactional: true,
      });
    log.append(rec(2n, 0, 'committed'), allow);
    log.appendMarker(marker(2n, true));
    log.append(rec(3n, 0, 'aborted'), allow);
    log.appendMarker(marker(3n, false));
    for (let i = 0; i < 8; i++) log.append(txnBatch(9n, i * 2, 2, 0, false));
    log.append(rec(4n, 0, 'open'), allow); // still open: stays out of compaction's reach
    log.roll();
    expect(log.segmentCount).toBeGreaterThan(2);
    log.compact(Date.now());
    const values = (from: bigint) =>
      splitBatches(log.read(from, 1 << 20))
        .filter((b) => !b.header.isControl)
        .flatMap((b) =>
          readRecords(b.buf)
            .filter((r) => r.key?.toString() === 'a')
            .map((r) => r.value!.toString()),
        );
    const seen: string[] = [];
    for (let o = 0n; o < log.logEndOffset;) {
      const buf = log.read(o, 1 << 20);
      if (buf.length === 0) break;
      seen.push(...values(o));
      const last = splitBatches(buf).at(-1)!.header;
      o = last.baseOffset + BigInt(last.lastOffsetDelta) + 1n;
    }
    expect(seen).toEqual(['committed', 'open']);
  });
});
