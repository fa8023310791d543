import { describe, expect, it } from 'vitest';
import { parseFilter } from './message-filter.js';

const ok = (s: string) => {
  const p = parseFilter(s);
  if (!p.ok) throw new Error(`${s}: ${p.message} at ${p.at}`);
  return p.expr;
};
const fail = (s: string) => {
  const p = parseFilter(s);
  if (p.ok) throw new Error(`${s} parsed`);
  return p;
};

describe('message filter language', () => {
  it('empty matches everything', () => {
    expect(ok('')).toBeNull();
    expect(ok('   ')).toBeNull();
  });

  it('JSON field comparisons from the issue', () => {
    expect(ok('$.status == "FAILED"')).toEqual({
      type: 'compare',
      field: { kind: 'json', of: 'value', path: [{ key: 'status' }] },
      op: '==',
      value: { type: 'string', value: 'FAILED' },
    });
    expect(ok('$.amount > 100')).toMatchObject({ op: '>', value: { type: 'number', value: 100 } });
    expect(ok('$.items[0].sku == "A" and $.items[*]["unit price"] >= 9.5')).toMatchObject({
      type: 'and',
      left: { field: { path: [{ key: 'items' }, { index: 0 }, { key: 'sku' }] } },
      right: { field: { path: [{ key: 'items' }, { each: true }, { key: 'unit price' }] } },
    });
    expect(ok('$key.region == "eu"')).toMatchObject({ field: { kind: 'json', of: 'key', path: [{ key: 'region' }] } });
  });

  it('precedence: not > and > or, brackets override', () => {
    expect(ok('key == "a" or key == "b" and not value contains "x"')).toMatchObject({
      type: 'or',
      right: { type: 'and', right: { type: 'not', expr: { type: 'text', op: 'contains' } } },
    });
    expect(ok('(key == "a" || key == "b") && !(partition in (0, 1))')).toMatchObject({
      type: 'and',
      left: { type: 'or' },
      right: { type: 'not', expr: { type: 'in', values: [{ text: '0' }, { text: '1' }] } },
    });
  });

  it('headers, regex, exists, bare text, case-insensitive keywords', () => {
    expect(ok('header("trace-id") == "abc"')).toMatchObject({ field: { kind: 'header', name: 'trace-id' } });
    expect(ok('headers["trace-id"] exists')).toMatchObject({ type: 'exists', field: { kind: 'header' } });
    expect(ok('value MATCHES /time(out)?\\//i')).toMatchObject({
      type: 'matches',
      source: 'time(out)?\\/',
      flags: 'i',
    });
    expect(ok('key ~ "^ord"')).toMatchObject({ type: 'matches', source: '^ord', flags: '' });
    expect(ok('"ORD-1234"')).toEqual({ type: 'anywhere', value: 'ORD-1234' });
    expect(ok("key startsWith 'order-' AND value endsWith '}'")).toMatchObject({ type: 'and' });
  });

  it('time and number fields', () => {
    expect(ok('timestamp >= "2024-05-01T00:00:00Z"')).toMatchObject({
      value: { type: 'number', value: Date.parse('2024-05-01T00:00:00Z') },
    });
    expect(ok('offset >= 9223372036854775806')).toMatchObject({ value: { text: '9223372036854775806' } });
    expect(ok('size > 1000 and partition != 3')).toMatchObject({ type: 'and' });
  });

  it('errors say what is wrong and where', () => {
    expect(fail('$.status = ')).toMatchObject({ at: 11 });
    expect(fail('$.status == FAILED').message).toMatch(/put text in quotes: "FAILED"/);
    expect(fail('status == "x"').message).toMatch(/Unknown field "status"/);
    expect(fail('partition == "a"').message).toMatch(/whole number/);
    expect(fail('partition contains "a"').message).toMatch(/works on text/);
    expect(fail('timestamp > "yesterday"').message).toMatch(/not a date-time/);
    expect(fail('value matches /[/').message).toMatch(/missing its closing/);
    expect(fail('value matches /(/').message).toMatch(/Invalid regular expression/);
    expect(fail('value matches /a/g').message).toMatch(/flags/);
    expect(fail('key == "a" key').message).toMatch(/Expected "and", "or"/);
    expect(fail('(key == "a"').message).toMatch(/close the bracket/);
    expect(fail('"unclosed').message).toMatch(/closing "/);
    expect(fail('key > "a"').message).toMatch(/supports ==/);
    expect(fail('offset exists').message).toMatch(/Every record has a offset/);
    expect(fail('key == "a" # x').message).toMatch(/Unexpected character "#"/);
    expect(fail('not '.repeat(60) + 'key exists').message).toMatch(/nests too deeply/);
  });
});
