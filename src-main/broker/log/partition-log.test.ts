import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildBatch,
  Compression,
  ErrorCode,
  parseBatchHeader,
  readRecords,
  splitBatches,
} from '../../kafka-protocol/index.js';
import {
  BASE_LOG_CONFIG as base,
  batch,
  code,
  readAll,
  useLogFixture,
  values,
} from '../testing/partition-log-fixture.js';

const f = useLogFixture();
const openLog = f.openLog;

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
    const names = fs.readdirSync(f.dir).filter((n) => n.endsWith('.log'));
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
    const file = path.join(f.dir, '00000000000000000000.log');
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
    const file = path.join(f.dir, '00000000000000000000.log');
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
    const indexes = fs.readdirSync(f.dir).filter((n) => n.endsWith('.index'));
    expect(fs.statSync(path.join(f.dir, indexes[0])).size).toBeGreaterThan(0);
    fs.rmSync(path.join(f.dir, indexes[0]));
    fs.appendFileSync(path.join(f.dir, indexes[1]), Buffer.from([1, 2, 3]));
    fs.writeFileSync(path.join(f.dir, indexes[2]), Buffer.alloc(16, 0xff));
    const again = openLog({ segmentBytes: 1500 });
    expect(readAll(again).map((r) => r.value)).toEqual(Array.from({ length: 120 }, (_, i) => `v${i}`));
    expect(fs.statSync(path.join(f.dir, indexes[0])).size).toBeGreaterThan(0);
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
