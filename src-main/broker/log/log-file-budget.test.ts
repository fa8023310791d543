import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBatch, readRecords, splitBatches } from '../../kafka-protocol/index.js';
import { DEFAULT_OPEN_FILE_BUDGET, logFiles } from './file-pool.js';
import { PartitionLog } from './partition-log.js';

const config = {
  segmentBytes: 4096,
  retentionMs: -1,
  retentionBytes: -1,
  cleanupPolicy: 'delete' as const,
  maxMessageBytes: 1024 * 1024,
  indexIntervalBytes: 256,
};

let dir: string;
afterEach(() => {
  logFiles.setBudget(DEFAULT_OPEN_FILE_BUDGET);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Many partitions, few descriptors: every log still appends, rolls, reads and reopens correctly.
describe('partition logs under a small open-file budget', () => {
  it('40 partitions × several segments work with 5 descriptors, and survive a reopen', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-budget-'));
    logFiles.setBudget(5);
    const logs = Array.from({ length: 40 }, (_, p) => PartitionLog.open(path.join(dir, `t-${p}`), config));
    for (let round = 0; round < 12; round++) {
      logs.forEach((log, p) =>
        log.append(
          buildBatch({
            records: [{ key: `p${p}`, value: `r${round}-${'x'.repeat(300)}`, timestamp: 1000n + BigInt(round) }],
          }),
        ),
      );
    }
    expect(logFiles.openCount).toBeLessThanOrEqual(5);
    const read = (log: PartitionLog) => {
      const out: string[] = [];
      for (let next = 0n; next < log.logEndOffset;) {
        const records = splitBatches(log.read(next, 1 << 20)).flatMap((b) => readRecords(b.buf));
        if (records.length === 0) break;
        out.push(...records.map((r) => r.value!.toString().split('-')[0]!));
        next = records[records.length - 1]!.offset + 1n;
      }
      return out;
    };
    const all = Array.from({ length: 12 }, (_, i) => `r${i}`);
    expect(logs[0]!.segmentCount).toBeGreaterThan(1);
    for (const log of logs) expect(read(log)).toEqual(all);
    for (const log of logs) expect(log.logEndOffset).toBe(12n);
    logs.forEach((l) => l.close());
    const again = PartitionLog.open(path.join(dir, 't-17'), config);
    expect(again.logEndOffset).toBe(12n);
    expect(again.sizeBytes()).toBeGreaterThan(12 * 300);
    again.close();
  });
});
