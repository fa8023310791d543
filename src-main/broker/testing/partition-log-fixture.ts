/**
 * Shared set-up for the partition log's tests: a fresh folder per test, logs opened in it and
 * closed afterwards, and small helpers to write batches and read records back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  buildBatch,
  ErrorCode,
  KafkaProtocolError,
  readRecords,
  type RecordInput,
  splitBatches,
} from '../../kafka-protocol/index.js';
import type { LogConfig } from '../log/config.js';
import { PartitionLog } from '../log/partition-log.js';

export const BASE_LOG_CONFIG: LogConfig = {
  segmentBytes: 1024 * 1024,
  retentionMs: -1,
  retentionBytes: -1,
  cleanupPolicy: 'delete',
  maxMessageBytes: 1024 * 1024,
  indexIntervalBytes: 256,
};

export interface LogFixture {
  /** This test's folder. */
  readonly dir: string;
  /** Opens a log (in this test's folder unless told otherwise); closed after the test. */
  openLog(config?: Partial<LogConfig>, dir?: string): PartitionLog;
}

/** Call at the top of a test file: installs the per-test folder and clean-up. */
export function useLogFixture(): LogFixture {
  let dir = '';
  const open: PartitionLog[] = [];
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
  return {
    get dir() {
      return dir;
    },
    openLog(config = {}, d = dir) {
      const log = PartitionLog.open(d, { ...BASE_LOG_CONFIG, ...config });
      open.push(log);
      return log;
    },
  };
}

export function batch(
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

export function values(buf: Buffer): string[] {
  return splitBatches(buf).flatMap((v) => readRecords(v.buf).map((r) => r.value?.toString() ?? 'null'));
}

/** Every record from `from` on, read the way a consumer does (batch by batch, no duplicates). */
export function readAll(
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

/** The Kafka error code `fn` throws, or NONE. */
export function code(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof KafkaProtocolError) return err.code;
    throw err;
  }
  return ErrorCode.NONE;
}
