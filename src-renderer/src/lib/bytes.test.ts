import { describe, expect, it } from 'vitest';
import type { Bytes } from '../contract.js';
import { decodeBytes, defaultDecoding, formatSize, hexDump, looksBinary, previewBytes, utf8OrNull } from './bytes.js';

function b(input: string | number[], truncated = false, size?: number): Bytes {
  const raw = typeof input === 'string' ? new TextEncoder().encode(input) : Uint8Array.from(input);
  let bin = '';
  for (const x of raw) bin += String.fromCharCode(x);
  return { base64: btoa(bin), size: size ?? raw.length, truncated };
}

describe('bytes decoding', () => {
  it('decodes UTF-8 text, including multi-byte characters', () => {
    expect(decodeBytes(b('héllo ✓ 日本'), 'text')).toEqual({ text: 'héllo ✓ 日本', problem: null });
  });

  it('pretty-prints JSON', () => {
    expect(decodeBytes(b('{"a":1,"b":[true]}'), 'json').text).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
  });

  it('explains when JSON does not parse and falls back to text', () => {
    const d = decodeBytes(b('{oops'), 'json');
    expect(d.text).toBe('{oops');
    expect(d.problem).toMatch(/Not valid JSON/);
  });

  it('does not try to parse a truncated value as JSON', () => {
    const d = decodeBytes(b('{"a":', true, 1000), 'json');
    expect(d.problem).toMatch(/truncated/);
  });

  it('detects invalid UTF-8 and falls back to hex', () => {
    const bad = b([0x68, 0x69, 0xff, 0xfe]);
    expect(utf8OrNull(Uint8Array.from([0xc3, 0x28]), false)).toBeNull();
    expect(looksBinary(Uint8Array.from([0xff]), false)).toBe(true);
    const d = decodeBytes(bad, 'text');
    expect(d.problem).toMatch(/UTF-8/);
    expect(d.text).toContain('68 69 ff fe');
  });

  it('tolerates a multi-byte character cut by truncation', () => {
    // "é" is c3 a9; a value truncated after c3 is still text.
    expect(utf8OrNull(Uint8Array.from([0x61, 0xc3]), true)).toBe('a');
    expect(utf8OrNull(Uint8Array.from([0x61, 0xc3]), false)).toBeNull();
  });

  it('treats control characters as binary', () => {
    expect(looksBinary(Uint8Array.from([0x00, 0x01, 0x41]), false)).toBe(true);
    expect(looksBinary(new TextEncoder().encode('line\nnext\ttab'), false)).toBe(false);
  });

  it('chooses hex for binary, JSON for objects, text otherwise', () => {
    expect(defaultDecoding(b([0, 1, 2, 3]))).toBe('hex');
    expect(defaultDecoding(b('{"id":7}'))).toBe('json');
    expect(defaultDecoding(b('[1,2]'))).toBe('json');
    expect(defaultDecoding(b('42'))).toBe('text');
    expect(defaultDecoding(b('hello'))).toBe('text');
    expect(defaultDecoding(b('{"id":', true))).toBe('text');
  });

  it('formats a hex dump with offsets and ASCII', () => {
    const dump = hexDump(new TextEncoder().encode('ABCDEFGHIJKLMNOPQ'));
    const lines = dump.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('00000000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP');
    expect(lines[1]).toMatch(/^00000010 {2}51 {47}Q$/);
    expect(hexDump(new Uint8Array())).toBe('');
  });

  it('makes one-line previews', () => {
    expect(previewBytes(null)).toBe('');
    expect(previewBytes(b('a\n  b'))).toBe('a b');
    expect(previewBytes(b('x'.repeat(300)), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(previewBytes(b('short', true, 900))).toBe('short…');
    expect(previewBytes(b([0xff, 0x00]))).toBe('ff 00');
  });

  it('formats sizes', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
  });
});
