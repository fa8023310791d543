import { describe, expect, it } from 'vitest';
import { dropAborted, type RawRecord } from './records.js';

const rec = (offset: number, producerId = '-1', inTransaction = false, extra: Partial<RawRecord> = {}): RawRecord => ({
  offset: String(offset),
  timestamp: '1700000000000',
  key: null,
  value: Buffer.from(`v${offset}`),
  headers: {},
  batchContext: { producerId, inTransaction },
  ...extra,
});
const marker = (offset: number, producerId: string, type: 0 | 1): RawRecord =>
  rec(offset, producerId, true, { isControlRecord: true, key: Buffer.from([0, 0, 0, type]) });

describe('dropAborted', () => {
  it('drops records of aborted transactions up to their abort marker, keeps committed ones', () => {
    const records = [
      rec(0),
      rec(1, '7', true),
      rec(2, '8', true),
      rec(3, '7', true),
      marker(4, '7', 0),
      marker(5, '8', 1),
      rec(6, '7', true),
    ];
    const kept = dropAborted(records, [{ producerId: '7', firstOffset: '1' }]).map((r) => r.offset);
    expect(kept).toEqual(['0', '2', '4', '5', '6']);
  });

  it('is a no-op without aborted transactions', () => {
    const records = [rec(0), rec(1)];
    expect(dropAborted(records, [])).toBe(records);
  });
});
