import { describe, expect, it } from 'vitest';
import { ErrorCode, parseBatchHeader } from '../../kafka-protocol/index.js';
import { BASE_LOG_CONFIG as base, batch, code, readAll, useLogFixture } from '../testing/partition-log-fixture.js';

const f = useLogFixture();
const openLog = f.openLog;

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
