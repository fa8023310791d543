import { describe, expect, it } from 'vitest';
import { checkJsonValue, toKafkaHeaders } from './send.js';

describe('produce helpers', () => {
  it('keeps repeated header names as arrays, in order', () => {
    expect(
      toKafkaHeaders([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'a', value: '3' },
        { key: 'a', value: '4' },
      ]),
    ).toEqual({
      a: ['1', '3', '4'],
      b: '2',
    });
  });

  it('rejects invalid JSON on the value field, accepts valid JSON and non-JSON formats', () => {
    expect(() => checkJsonValue({ value: '{"a":1}', valueFormat: 'json' })).not.toThrow();
    expect(() => checkJsonValue({ value: '{oops', valueFormat: 'text' })).not.toThrow();
    expect(() => checkJsonValue({ value: null, valueFormat: 'json' })).not.toThrow();
    try {
      checkJsonValue({ value: '{oops', valueFormat: 'json' });
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toMatchObject({ code: 'VALIDATION', field: 'value' });
      expect((e as Error).message).toMatch(/^Value is not valid JSON: /);
    }
  });
});
