import { describe, expect, it } from 'vitest';
import { fileLines, parseImportLine } from './jsonl-import.js';

describe('importing JSONL', () => {
  it('reads Samsa exports and friendlier shapes', () => {
    expect(
      parseImportLine(
        '{"topic":"t","partition":2,"offset":7,"timestamp":1700000000000,"key":"k","value":"{\\"a\\":1}","headers":[{"key":"h","value":"1"}]}',
        1,
      ),
    ).toEqual({
      key: 'k',
      keyEncoding: 'utf8',
      value: '{"a":1}',
      valueEncoding: 'utf8',
      headers: [{ key: 'h', value: '1' }],
      partition: 2,
      timestamp: 1700000000000,
    });
    expect(
      parseImportLine('{"value": {"a": [1, 2]}, "headers": {"trace": "x"}, "timestamp": "2024-05-01T00:00:00Z"}', 2),
    ).toMatchObject({
      key: null,
      value: '{"a":[1,2]}',
      headers: [{ key: 'trace', value: 'x' }],
      partition: null,
      timestamp: Date.parse('2024-05-01T00:00:00Z'),
    });
    expect(parseImportLine('{"key":"/wAB","keyEncoding":"base64","value":null}', 3)).toMatchObject({
      keyEncoding: 'base64',
      value: null,
    });
    expect(parseImportLine('   ', 4)).toBeNull();
  });

  it('names the line and the problem', () => {
    expect(() => parseImportLine('{"value": 1', 12)).toThrow(/^Line 12: not valid JSON/);
    expect(() => parseImportLine('[1,2]', 3)).toThrow('Line 3: each line must be a JSON object');
    expect(() => parseImportLine('{"partition": -1}', 4)).toThrow('Line 4: partition must be a whole number');
    expect(() => parseImportLine('{"valueEncoding": "hex"}', 5)).toThrow('Line 5: valueEncoding must be "base64"');
    expect(() => parseImportLine('{"headers": [{"value": "x"}]}', 6)).toThrow('Line 6: every header needs a name');
  });

  it('streams lines of a file, whatever the chunking', async () => {
    const file = new Blob(['{"a":1}\n{"b"', ':2}\r\n\n{"c":3}']);
    const lines: string[] = [];
    for await (const l of fileLines(file)) lines.push(l);
    expect(lines).toEqual(['{"a":1}', '{"b":2}\r', '', '{"c":3}']);
  });
});
