import { describe, expect, it } from 'vitest';
import { compileFilter } from './filter-eval.js';
import type { ReadRecord } from './read-record.js';

const rec = (
  over: Partial<Omit<ReadRecord, 'key' | 'value'>> & { key?: string | null; value?: string | Buffer | null } = {},
): ReadRecord => {
  const {
    key = 'order-1',
    value = '{"status":"FAILED","amount":120,"items":[{"sku":"A"},{"sku":"B"}],"note":null}',
    ...rest
  } = over;
  return {
    partition: 1,
    offset: 10n,
    timestamp: Date.parse('2024-05-01T12:00:00Z'),
    headers: [
      { key: 'trace', value: Buffer.from('abc') },
      { key: 'trace', value: Buffer.from('def') },
      { key: 'empty', value: null },
    ],
    ...rest,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : typeof value === 'string' ? Buffer.from(value) : value,
  };
};

const matches = (filter: string, r = rec()) => compileFilter(filter)(r);

describe('filter evaluation', () => {
  it('JSON comparisons are typed', () => {
    expect(matches('$.status == "FAILED"')).toBe(true);
    expect(matches('$.status == "OK"')).toBe(false);
    expect(matches('$.amount > 100')).toBe(true);
    expect(matches('$.amount > 120')).toBe(false);
    expect(matches('$.amount == "120"')).toBe(false); // a number is not the text "120"
    expect(matches('$.note == null and $.note exists and not $.missing exists')).toBe(true);
    expect(matches('$.missing != "x"')).toBe(false); // an absent field compares to nothing
    expect(matches('$.items[*].sku == "B" and $.items[0].sku == "A" and not $.items[2].sku exists')).toBe(true);
    expect(matches('$.status in ("OK", "FAILED")')).toBe(true);
    expect(matches('$.status startsWith "FAIL" and $.status matches /^f/i')).toBe(true);
  });

  it('values that are not JSON never match a path, and do not throw', () => {
    expect(matches('$.status exists', rec({ value: 'plain text' }))).toBe(false);
    expect(matches('$.status exists', rec({ value: null }))).toBe(false);
    expect(matches('$.a == 1', rec({ value: Buffer.from([0xff, 0xfe]) }))).toBe(false);
  });

  it('key, value and header text tests', () => {
    expect(matches('key == "order-1" and key startsWith "order" and key endsWith "-1"')).toBe(true);
    expect(matches('value contains "\\"amount\\":120"')).toBe(true);
    expect(matches('key == null', rec({ key: null }))).toBe(true);
    expect(matches('key exists', rec({ key: null }))).toBe(false);
    expect(matches('header("trace") == "def"')).toBe(true);
    expect(matches('header("trace") != "abc"')).toBe(true); // one of them is not abc
    expect(matches('header("trace") contains "xyz"')).toBe(false);
    expect(matches('header("empty") exists and header("empty") == null')).toBe(true);
    expect(matches('header("nope") exists')).toBe(false);
    expect(matches('"def"')).toBe(true); // anywhere: header values count
    expect(matches('"order-1"')).toBe(true);
    expect(matches('"nowhere"')).toBe(false);
  });

  it('UTF-8 text is matched as bytes without decoding mistakes', () => {
    const r = rec({ value: 'Grüße, 世界' });
    expect(matches('value contains "世界"', r)).toBe(true);
    expect(matches('value endsWith "界"', r)).toBe(true);
    expect(matches('value matches /grüße/i', r)).toBe(true);
  });

  it('partition, offset, timestamp and size', () => {
    expect(matches('partition == 1 and offset >= 10 and offset < 11')).toBe(true);
    expect(matches('partition in (0, 2)')).toBe(false);
    expect(matches('timestamp >= "2024-05-01T00:00:00Z" and timestamp < "2024-05-02"')).toBe(true);
    expect(matches(`timestamp == ${Date.parse('2024-05-01T12:00:00Z')}`)).toBe(true);
    expect(matches('size > 50 and size < 200')).toBe(true);
    expect(matches('offset > 9223372036854775806', rec({ offset: 9223372036854775807n }))).toBe(true);
  });

  it('a bad filter is a VALIDATION error on the filter field', () => {
    expect(() => compileFilter('$.a ==')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'filter' }));
  });
});
