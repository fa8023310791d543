import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { batch, code, useLogFixture } from '../testing/partition-log-fixture.js';

const f = useLogFixture();
const openLog = f.openLog;

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
    fs.rmSync(path.join(f.dir, 'producer-state.snapshot'));
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
