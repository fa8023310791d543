import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildBatch,
  Compression,
  ErrorCode,
  KafkaProtocolError,
  parseBatchHeader,
  readRecords,
  type RecordInput,
  splitBatches,
} from '../../kafka-protocol/index.js';
import type { LogConfig } from './config.js';
import { LogManager } from './log-manager.js';
import { PartitionLog } from './partition-log.js';

let dir: string;
const open: PartitionLog[] = [];

const base: LogConfig = {
  segmentBytes: 1024 * 1024,
  retentionMs: -1,
  retentionBytes: -1,
  cleanupPolicy: 'delete',
  maxMessageBytes: 1024 * 1024,
  indexIntervalBytes: 256,
};

function openLog(config: Partial<LogConfig> = {}, d = dir): PartitionLog {
  const log = PartitionLog.open(d, { ...base, ...config });
  open.push(log);
  return log;
}

function batch(
  n: number,
  opts: {
    from?: number;
    ts?: bigint;
    key?: (i: number) => string | null;
    value?: (i: number) => string | null;
    producerId?: bigint;
    epoch?: number;
    seq?: number;
    compression?: number;
  } = {},
): Buffer {
  const from = opts.from ?? 0;
  const records: RecordInput[] = Array.from({ length: n }, (_, i) => ({
    key: opts.key ? opts.key(from + i) : `k${from + i}`,
    value: opts.value ? opts.value(from + i) : `v${from + i}`,
    timestamp: (opts.ts ?? 1000n) + BigInt(i),
  }));
  return buildBatch({
    records,
    producerId: opts.producerId,
    producerEpoch: opts.epoch,
    baseSequence: opts.seq,
    compression: opts.compression,
  });
}

function values(buf: Buffer): string[] {
  return splitBatches(buf).flatMap((v) => readRecords(v.buf).map((r) => r.value?.toString() ?? 'null'));
}

function readAll(
  log: PartitionLog,
  from = log.logStartOffset,
): { offset: bigint; key: string | null; value: string | null }[] {
  const out: { offset: bigint; key: string | null; value: string | null }[] = [];
  let next = from;
  while (next < log.logEndOffset) {
    const buf = log.read(next, 1 << 20);
    if (buf.length === 0) break;
    for (const v of splitBatches(buf)) {
      for (const r of readRecords(v.buf))
        if (r.offset >= next || r.offset >= from)
          out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null });
      next = v.header.baseOffset + BigInt(v.header.lastOffsetDelta) + 1n;
    }
  }
  return out.filter((r, i, a) => i === 0 || r.offset > a[i - 1].offset);
}

function code(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof KafkaProtocolError) return err.code;
    throw err;
  }
  return ErrorCode.NONE;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-log-'));
});

afterEach(() => {
  for (const l of open.splice(0)) {
    try {
      l.close();
    } catch {
      // already closed or destroyed
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('append / read', () => {
  it('assigns offsets and reads whole batches back', () => {
    const log = openLog();
    expect(log.logEndOffset).toBe(0n);
    expect(log.read(0n, 1000).length).toBe(0);
    const r1 = log.append(batch(3));
    expect(r1).toEqual({ baseOffset: 0n, lastOffset: 2n, logStartOffset: 0n, logAppendTime: -1n, duplicate: false });
    const r2 = log.append(Buffer.concat([batch(2, { from: 3 }), batch(1, { from: 5, compression: Compression.GZIP })]));
    expect(r2.baseOffset).toBe(3n);
    expect(r2.lastOffset).toBe(5n);
    expect(log.logEndOffset).toBe(6n);
    expect(log.highWatermark).toBe(6n);
    expect(values(log.read(0n, 1 << 20))).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    // Fetch from the middle of a batch returns the whole containing batch.
    const mid = log.read(4n, 1 << 20);
    expect(parseBatchHeader(mid).baseOffset).toBe(3n);
    expect(log.read(6n, 100).length).toBe(0);
    expect(code(() => log.read(7n, 100))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(code(() => log.read(-1n, 100))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  it('returns at least one batch even beyond maxBytes (KIP-74) and cuts at batch boundaries', () => {
    const log = openLog();
    const big = batch(10, { value: () => 'x'.repeat(500) });
    log.append(big);
    log.append(batch(1, { from: 10 }));
    expect(log.read(0n, 10).length).toBe(big.length);
    expect(log.read(0n, big.length + 5).length).toBe(big.length);
    expect(splitBatches(log.read(0n, 1 << 20)).length).toBe(2);
  });

  it('rejects oversize, control, inconsistent and garbage batches', () => {
    const log = openLog({ maxMessageBytes: 200 });
    expect(code(() => log.append(batch(10, { value: () => 'x'.repeat(100) })))).toBe(ErrorCode.MESSAGE_TOO_LARGE);
    expect(
      code(() => log.append(Buffer.from('definitely not a batch, definitely not a batch, definitely not a batch'))),
    ).toBe(ErrorCode.CORRUPT_MESSAGE);
    const control = buildBatch({ records: [{ key: 'a', value: 'b' }], isControl: true });
    expect(code(() => log.append(control))).toBe(ErrorCode.INVALID_RECORD);
    const wrongDelta = buildBatch({ records: [{ key: 'a', value: 'b' }], lastOffsetDelta: 3 });
    expect(code(() => log.append(wrongDelta))).toBe(ErrorCode.INVALID_RECORD);
    expect(log.logEndOffset).toBe(0n);
  });

  it('requires keys on compacted topics', () => {
    const log = openLog({ cleanupPolicy: 'compact' });
    expect(code(() => log.append(batch(2, { key: () => null })))).toBe(ErrorCode.INVALID_RECORD);
    expect(log.append(batch(2)).baseOffset).toBe(0n);
  });

  it('stamps LogAppendTime batches and keeps the CRC valid', () => {
    const log = openLog({ messageTimestampType: 'LogAppendTime' });
    const before = BigInt(Date.now());
    const r = log.append(batch(2, { ts: 5n }));
    expect(r.logAppendTime).toBeGreaterThanOrEqual(before);
    const [v] = splitBatches(log.read(0n, 1 << 20));
    expect(v.header.timestampType).toBe('LogAppendTime');
    expect(readRecords(v.buf).every((rec) => rec.timestamp === r.logAppendTime)).toBe(true);
  });
});

describe('segments and recovery', () => {
  it('rolls segments and reads across them', () => {
    const log = openLog({ segmentBytes: 1000 });
    for (let i = 0; i < 40; i++) log.append(batch(2, { from: i * 2 }));
    expect(log.segmentCount).toBeGreaterThan(3);
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.log'));
    expect(names[0]).toBe('00000000000000000000.log');
    expect(readAll(log).map((r) => r.value)).toEqual(Array.from({ length: 80 }, (_, i) => `v${i}`));
    for (const off of [0n, 17n, 41n, 79n]) expect(parseBatchHeader(log.read(off, 1)).baseOffset).toBe(off - (off % 2n));
    log.close();
    const again = openLog({ segmentBytes: 1000 });
    expect(again.logEndOffset).toBe(80n);
    expect(readAll(again).length).toBe(80);
  });

  it('cuts a torn last batch after a crash', () => {
    const log = openLog();
    log.append(batch(3));
    log.append(batch(3, { from: 3 }));
    const file = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(file).size;
    // Simulate kill -9 in the middle of the second write: no clean shutdown marker.
    fs.truncateSync(file, size - 10);
    const again = openLog();
    expect(again.logEndOffset).toBe(3n);
    expect(readAll(again).map((r) => r.value)).toEqual(['v0', 'v1', 'v2']);
    expect(again.append(batch(1, { from: 9 })).baseOffset).toBe(3n);
  });

  it('drops garbage after the last good batch', () => {
    const log = openLog();
    log.append(batch(3));
    const file = path.join(dir, '00000000000000000000.log');
    fs.appendFileSync(file, Buffer.alloc(100, 0xab));
    const again = openLog();
    expect(again.logEndOffset).toBe(3n);
    expect(fs.statSync(file).size).toBe(log.sizeBytes());
    // A well-formed header with a bad CRC is garbage too.
    const bad = batch(2, { from: 3 });
    bad[bad.length - 1] ^= 1;
    fs.appendFileSync(file, bad);
    expect(openLog().logEndOffset).toBe(3n);
  });

  it('rebuilds missing and corrupt indexes', () => {
    const log = openLog({ segmentBytes: 1500 });
    for (let i = 0; i < 60; i++) log.append(batch(2, { from: i * 2 }));
    log.close();
    const indexes = fs.readdirSync(dir).filter((n) => n.endsWith('.index'));
    expect(fs.statSync(path.join(dir, indexes[0])).size).toBeGreaterThan(0);
    fs.rmSync(path.join(dir, indexes[0]));
    fs.appendFileSync(path.join(dir, indexes[1]), Buffer.from([1, 2, 3]));
    fs.writeFileSync(path.join(dir, indexes[2]), Buffer.alloc(16, 0xff));
    const again = openLog({ segmentBytes: 1500 });
    expect(readAll(again).map((r) => r.value)).toEqual(Array.from({ length: 120 }, (_, i) => `v${i}`));
    expect(fs.statSync(path.join(dir, indexes[0])).size).toBeGreaterThan(0);
    for (let off = 0n; off < 120n; off += 7n)
      expect(parseBatchHeader(again.read(off, 1)).baseOffset).toBe(off - (off % 2n));
  });

  it('opens an empty directory and an empty checkpointed log', () => {
    const log = openLog();
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes()]).toEqual([0n, 0n, 0]);
    expect(log.offsetForTimestamp(0n)).toBeNull();
    expect(log.maxTimestampOffset()).toBeNull();
  });
});

describe('timestamps', () => {
  it('finds the first offset at or after a timestamp and the max timestamp', () => {
    const log = openLog({ segmentBytes: 600 });
    // Timestamps 1000..1039 in batches of 4, with one out-of-order record batch in the middle.
    for (let i = 0; i < 10; i++) log.append(batch(4, { from: i * 4, ts: BigInt(1000 + i * 4) }));
    log.append(
      buildBatch({
        records: [
          { key: 'x', value: 'late', timestamp: 500n },
          { key: 'y', value: 'peak', timestamp: 99999n },
        ],
      }),
    );
    expect(log.segmentCount).toBeGreaterThan(1);
    expect(log.offsetForTimestamp(0n)).toEqual({ offset: 0n, timestamp: 1000n });
    expect(log.offsetForTimestamp(1013n)).toEqual({ offset: 13n, timestamp: 1013n });
    expect(log.offsetForTimestamp(1039n)).toEqual({ offset: 39n, timestamp: 1039n });
    expect(log.offsetForTimestamp(1040n)).toEqual({ offset: 41n, timestamp: 99999n });
    expect(log.offsetForTimestamp(100000n)).toBeNull();
    expect(log.maxTimestampOffset()).toEqual({ offset: 41n, timestamp: 99999n });
    log.close();
    const again = openLog({ segmentBytes: 600 });
    expect(again.offsetForTimestamp(1013n)).toEqual({ offset: 13n, timestamp: 1013n });
    expect(again.maxTimestampOffset()).toEqual({ offset: 41n, timestamp: 99999n });
  });
});

describe('retention and deletion', () => {
  it('deletes closed segments by time, never the active one', () => {
    const log = openLog({ segmentBytes: 500, retentionMs: 10_000 });
    for (let i = 0; i < 20; i++) log.append(batch(2, { from: i * 2, ts: BigInt(i < 10 ? 1000 : 50_000) }));
    const before = log.segmentCount;
    log.enforceRetention(55_000);
    expect(log.segmentCount).toBeLessThan(before);
    expect(log.logStartOffset).toBeGreaterThan(0n);
    const rest = readAll(log);
    expect(rest[0].offset).toBe(log.logStartOffset);
    expect(rest.every((r) => r.offset >= 16n || r.value !== null)).toBe(true);
    log.enforceRetention(10 ** 12);
    expect(log.segmentCount).toBe(1);
    expect(log.logEndOffset).toBe(40n);
  });

  it('deletes oldest segments by size', () => {
    const log = openLog({ segmentBytes: 500 });
    for (let i = 0; i < 30; i++) log.append(batch(2, { from: i * 2 }));
    const total = log.sizeBytes();
    log.updateConfig({ ...base, segmentBytes: 500, retentionBytes: Math.floor(total / 2) });
    log.enforceRetention(Date.now());
    // Like Kafka: delete whole segments only while what remains still meets retention.bytes.
    expect(log.sizeBytes()).toBeGreaterThanOrEqual(Math.floor(total / 2));
    expect(log.sizeBytes()).toBeLessThan(Math.floor(total / 2) + 500);
    expect(readAll(log).at(-1)?.value).toBe('v59');
  });

  it('deleteRecordsBefore advances and persists the log start offset', () => {
    const log = openLog({ segmentBytes: 500 });
    for (let i = 0; i < 30; i++) log.append(batch(2, { from: i * 2 }));
    const segs = log.segmentCount;
    expect(log.deleteRecordsBefore(25n)).toBe(25n);
    expect(log.segmentCount).toBeLessThan(segs);
    expect(code(() => log.read(24n, 100))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(readAll(log)[0].offset).toBe(25n);
    expect(log.deleteRecordsBefore(3n)).toBe(25n);
    expect(code(() => log.deleteRecordsBefore(61n))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    log.close();
    const again = openLog({ segmentBytes: 500 });
    expect(again.logStartOffset).toBe(25n);
    expect(again.deleteRecordsBefore(-1n)).toBe(60n);
    expect(again.read(60n, 100).length).toBe(0);
    expect(again.append(batch(1)).baseOffset).toBe(60n);
  });
});

describe('compaction', () => {
  it('keeps the latest value per key, drops old tombstones, preserves offsets', () => {
    const log = openLog({ segmentBytes: 400, cleanupPolicy: 'compact', deleteRetentionMs: 1000 });
    const now = 1_000_000;
    // Keys cycle through k0..k4; k3 ends deleted by a tombstone.
    for (let i = 0; i < 40; i++) log.append(batch(1, { from: i, key: (j) => `k${j % 5}`, ts: BigInt(now - 5000) }));
    log.append(batch(1, { key: () => 'k3', value: () => null, ts: BigInt(now - 5000) }));
    log.append(batch(1, { key: () => 'k9', value: () => null, ts: BigInt(now) })); // fresh tombstone
    for (let i = 0; i < 10; i++) log.append(batch(1, { from: 100 + i, key: () => 'filler', ts: BigInt(now) }));
    const end = log.logEndOffset;
    const sizeBefore = log.sizeBytes();
    log.compact(now);
    expect(log.logEndOffset).toBe(end);
    expect(log.sizeBytes()).toBeLessThan(sizeBefore);
    const recs = readAll(log);
    const byKey = new Map<string, { offset: bigint; value: string | null }[]>();
    for (const r of recs) byKey.set(r.key!, [...(byKey.get(r.key!) ?? []), r]);
    expect(byKey.get('k0')).toEqual(
      [{ offset: 35n, key: 'k0', value: 'v35' }].map(({ offset, value }) => ({ offset, key: 'k0', value })),
    );
    expect(byKey.get('k4')?.map((r) => r.offset)).toEqual([39n]);
    expect(byKey.has('k3')).toBe(false); // old tombstone and everything before it gone
    expect(byKey.get('k9')?.[0].value).toBeNull(); // recent tombstone retained
    for (let i = 0; i < recs.length - 1; i++) expect(recs[i].offset).toBeLessThan(recs[i + 1].offset);
    // Fetching from a compacted-away offset skips to the next surviving batch.
    expect(parseBatchHeader(log.read(1n, 1)).baseOffset).toBe(35n);
    log.close();
    const again = openLog({ segmentBytes: 400, cleanupPolicy: 'compact', deleteRetentionMs: 1000 });
    expect(readAll(again)).toEqual(recs);
    expect(again.logEndOffset).toBe(end);
  });
});

describe('idempotent producers', () => {
  const pid = 7n;

  it('dedupes retries, rejects gaps and stale epochs, accepts new epochs at 0', () => {
    const log = openLog();
    const b0 = batch(3, { producerId: pid, epoch: 1, seq: 0 });
    const r0 = log.append(Buffer.from(b0));
    expect(r0.duplicate).toBe(false);
    const r1 = log.append(batch(2, { producerId: pid, epoch: 1, seq: 3 }));
    expect(r1.baseOffset).toBe(3n);
    // Retry of the first batch: same offsets, nothing written.
    const retry = log.append(Buffer.from(b0));
    expect(retry).toMatchObject({ baseOffset: 0n, lastOffset: 2n, duplicate: true });
    expect(log.logEndOffset).toBe(5n);
    expect(code(() => log.append(batch(1, { producerId: pid, epoch: 1, seq: 9 })))).toBe(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    );
    expect(code(() => log.append(batch(1, { producerId: pid, epoch: 0, seq: 5 })))).toBe(
      ErrorCode.INVALID_PRODUCER_EPOCH,
    );
    expect(code(() => log.append(batch(1, { producerId: pid, epoch: 2, seq: 5 })))).toBe(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    );
    expect(log.append(batch(1, { producerId: pid, epoch: 2, seq: 0 })).baseOffset).toBe(5n);
    expect(code(() => log.append(batch(1, { producerId: pid, epoch: 1, seq: 5 })))).toBe(
      ErrorCode.INVALID_PRODUCER_EPOCH,
    );
    // An unknown producer may start anywhere (its state may have expired).
    expect(log.append(batch(1, { producerId: 99n, epoch: 0, seq: 40 })).baseOffset).toBe(6n);
    expect(log.logEndOffset).toBe(7n);
  });

  it('a failing batch leaves producer state and log untouched', () => {
    const log = openLog();
    log.append(batch(1, { producerId: pid, epoch: 0, seq: 0 }));
    const payload = Buffer.concat([
      batch(1, { producerId: pid, epoch: 0, seq: 1 }),
      batch(1, { producerId: pid, epoch: 0, seq: 5 }),
    ]);
    expect(code(() => log.append(payload))).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(log.logEndOffset).toBe(1n);
    expect(log.append(batch(1, { producerId: pid, epoch: 0, seq: 1 })).baseOffset).toBe(1n);
  });

  it('rebuilds producer state after a crash and after a clean restart', () => {
    const log = openLog({ segmentBytes: 300 });
    const batches = Array.from({ length: 8 }, (_, i) => batch(2, { producerId: pid, epoch: 0, seq: i * 2 }));
    for (const b of batches) log.append(Buffer.from(b));
    // Crash: reopen without close (no snapshot newer than the last roll, no clean marker).
    const crashed = openLog({ segmentBytes: 300 });
    expect(crashed.append(Buffer.from(batches[7]))).toMatchObject({ baseOffset: 14n, duplicate: true });
    expect(code(() => crashed.append(batch(1, { producerId: pid, epoch: 0, seq: 20 })))).toBe(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    );
    expect(crashed.append(batch(1, { producerId: pid, epoch: 0, seq: 16 })).baseOffset).toBe(16n);
    crashed.close();
    fs.rmSync(path.join(dir, 'producer-state.snapshot'));
    const rebuilt = openLog({ segmentBytes: 300 });
    expect(rebuilt.append(batch(1, { producerId: pid, epoch: 0, seq: 16 }))).toMatchObject({
      baseOffset: 16n,
      duplicate: true,
    });
    rebuilt.close();
    const clean = openLog({ segmentBytes: 300 });
    expect(clean.append(batch(1, { producerId: pid, epoch: 0, seq: 17 })).baseOffset).toBe(17n);
  });
});

describe('LogManager', () => {
  it('opens partitions as <topic>-<partition>, lists and deletes topics', () => {
    const mgr = new LogManager(dir);
    const a0 = mgr.openPartition('orders-v2', 0, base);
    const a1 = mgr.openPartition('orders-v2', 1, base);
    mgr.openPartition('other', 0, base);
    expect(mgr.openPartition('orders-v2', 0, base)).toBe(a0);
    a0.append(batch(1));
    a1.append(batch(1));
    expect(fs.existsSync(path.join(dir, 'orders-v2-1', '00000000000000000000.log'))).toBe(true);
    expect(mgr.listPartitionDirs().map((p) => `${p.topic}/${p.partition}`)).toEqual([
      'orders-v2/0',
      'orders-v2/1',
      'other/0',
    ]);
    mgr.deleteTopic('orders-v2');
    expect(mgr.getPartition('orders-v2', 0)).toBeUndefined();
    expect(mgr.listPartitionDirs().map((p) => p.topic)).toEqual(['other']);
    mgr.maintain();
    mgr.closeAll();
  });
});

describe('looking inside compressed batches stays bounded', () => {
  it('answers a timestamp lookup over a highly compressed batch without inflating it', () => {
    const log = openLog();
    log.append(batch(3, { ts: 1000n }));
    // 16 MiB of zeros gzip to ~16 KB: above the lookup's inflate cap, under max.message.bytes.
    const bomb = buildBatch({
      records: [
        { key: 'z', value: Buffer.alloc(16 * 1024 * 1024), timestamp: 5000n },
        { key: 'y', value: 'after', timestamp: 5001n },
      ],
      compression: Compression.GZIP,
    });
    expect(bomb.length).toBeLessThan(base.maxMessageBytes);
    log.append(bomb);
    // Falls back to the batch's base offset: at or before the wanted record, never past it.
    expect(log.offsetForTimestamp(5001n)).toEqual({ offset: 3n, timestamp: 5001n });
    expect(log.offsetForTimestamp(1001n)).toEqual({ offset: 1n, timestamp: 1001n });
  });
});
