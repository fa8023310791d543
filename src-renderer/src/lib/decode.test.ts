import { describe, expect, it } from 'vitest';
import { detectKind, hexRow, hexWidthFor, show, wrapRows } from './decode.js';

const b = (s: string | Uint8Array, truncated = false, size?: number) => {
  const bytes = typeof s === 'string' ? new TextEncoder().encode(s) : s;
  return { base64: btoa(String.fromCharCode(...bytes)), size: size ?? bytes.length, truncated };
};

describe('decoding for display', () => {
  it('auto: JSON, text, binary', () => {
    expect(show(b('{"a":[1,2]}'), 'auto', 'value')).toMatchObject({ as: 'json', value: { a: [1, 2] } });
    expect(show(b('hello'), 'auto', 'value')).toMatchObject({ as: 'text', text: 'hello', note: null });
    expect(show(b(new Uint8Array([0, 1, 2, 255])), 'auto', 'value').as).toBe('hex');
    expect(detectKind(new Uint8Array(0), false)).toBe('empty');
  });

  it('a key that is not JSON says so in words, not with a parser message', () => {
    const s = show(b('order-42'), 'json', 'key');
    expect(s).toEqual({ as: 'text', text: 'order-42', note: 'This key is not JSON, so it is shown as text.' });
  });

  it('binary chosen as text falls back to hex with the reason', () => {
    expect(show(b(new Uint8Array([0xc3, 0x28])), 'text', 'header value').note).toBe(
      'This header value is not UTF-8 text, so it is shown as hex.',
    );
  });

  it('a preview of a bigger value says how much is shown and never pretends to be JSON', () => {
    const s = show(b('{"a":', true, 5_000_000), 'json', 'value');
    expect(s.as).toBe('text');
    expect(s.note).toBe('Showing the first 5 B of 4.8 MB. JSON needs the whole value, so it is shown as text.');
    expect(show(b('abc'), 'base64', 'value')).toMatchObject({ as: 'base64', text: 'YWJj' });
  });

  it('tolerates a multi-byte character cut by a preview, and treats control characters as binary', () => {
    const euro = new TextEncoder().encode('price 9€');
    expect(show(b(euro.subarray(0, euro.length - 1), true, 100), 'text', 'value')).toMatchObject({
      as: 'text',
      text: 'price 9',
    });
    expect(detectKind(new TextEncoder().encode('a\u0001b'), false)).toBe('binary');
    expect(detectKind(new TextEncoder().encode('tab\tand\nnewline'), false)).toBe('text');
  });

  it('hex rows fit the width and keep the ASCII column', () => {
    expect(hexWidthFor(80)).toBe(16);
    expect(hexWidthFor(60)).toBe(8);
    expect(hexWidthFor(200)).toBe(32);
    expect(hexRow(new TextEncoder().encode('Hi\n'), 0, 4)).toBe('00000000  48 69 0a     Hi.');
  });

  it('wraps long lines into fixed-width rows', () => {
    expect([...wrapRows('abcdefg\nhi', 3)]).toEqual([0, 3, 6, 8]);
    expect([...wrapRows('', 10)]).toEqual([0]);
    expect(wrapRows('x'.repeat(10_000_000), 100).length).toBe(100_000);
  });
});
