import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS } from '../../contract/messages.js';
import { FULL, toBytes, toKafkaMessage, type ReadRecord } from './read-record.js';

const record = (over: Partial<ReadRecord> = {}): ReadRecord => ({
  partition: 2,
  offset: 9007199254740993n,
  timestamp: 1700000000000,
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  headers: [
    { key: 'h', value: Buffer.from('1') },
    { key: 'h', value: null },
  ],
  ...over,
});

describe('read records for the window', () => {
  it('keeps every digit of the offset, headers in order, repeated names and nulls', () => {
    const m = toKafkaMessage(record());
    expect(m).toMatchObject({ partition: 2, offset: '9007199254740993', timestamp: 1700000000000 });
    expect(m.headers).toEqual([
      { key: 'h', value: { base64: 'MQ==', size: 1, truncated: false } },
      { key: 'h', value: null },
    ]);
  });

  it('rows carry a preview of big values with their real size; the detail pane gets them whole', () => {
    const big = Buffer.alloc(600 * 1024, 0x61);
    const row = toKafkaMessage(record({ value: big }));
    expect(row.value).toMatchObject({ size: big.length, truncated: true });
    expect(Buffer.from(row.value!.base64, 'base64').length).toBe(MESSAGE_LIMITS.previewValueBytes);
    const whole = toKafkaMessage(record({ value: big }), FULL);
    expect(whole.value).toMatchObject({ size: big.length, truncated: false });
  });

  it('a row shows at most 64 headers', () => {
    const headers = Array.from({ length: 100 }, (_, i) => ({ key: `h${i}`, value: null }));
    expect(toKafkaMessage(record({ headers })).headers).toHaveLength(MESSAGE_LIMITS.previewHeaders);
  });

  it('null stays null, empty stays empty', () => {
    expect(toBytes(null, 10)).toBeNull();
    expect(toBytes(Buffer.alloc(0), 10)).toEqual({ base64: '', size: 0, truncated: false });
  });
});
