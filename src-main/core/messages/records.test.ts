import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES, toBytes, toHeaders } from './bytes.js';
import { dropAborted, toMessage, type RawRecord } from './records.js';

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

describe('bytes', () => {
  it('encodes base64 with size and truncates above 1 MiB', () => {
    expect(toBytes(Buffer.from('hi'))).toEqual({ base64: 'aGk=', size: 2, truncated: false });
    expect(toBytes(null)).toBeNull();
    const big = toBytes(Buffer.alloc(MAX_VALUE_BYTES + 10, 1))!;
    expect(big.truncated).toBe(true);
    expect(big.size).toBe(MAX_VALUE_BYTES + 10);
    expect(Buffer.from(big.base64, 'base64').length).toBe(MAX_VALUE_BYTES);
  });

  it('flattens repeated header keys', () => {
    const h = toHeaders({ a: Buffer.from('1'), b: [Buffer.from('2'), Buffer.from('3')] });
    expect(h.map((x) => [x.key, Buffer.from(x.value!.base64, 'base64').toString()])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['b', '3'],
    ]);
  });
});

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

describe('toMessage', () => {
  it('converts a kafkajs record', () => {
    const msg = toMessage(2, rec(41, '-1', false, { key: Buffer.from('k'), headers: { h: Buffer.from('v') } }));
    expect(msg).toMatchObject({ partition: 2, offset: '41', timestamp: 1700000000000 });
    expect(msg.key?.base64).toBe(Buffer.from('k').toString('base64'));
    expect(msg.headers[0].key).toBe('h');
  });
});
