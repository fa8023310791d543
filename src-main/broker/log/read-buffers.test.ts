import { describe, expect, it } from 'vitest';
import {
  giveBackReadBuffer,
  isReadBuffer,
  POOLED_READ_MIN,
  READ_BUFFER_BYTES,
  takeReadBuffer,
} from './read-buffers.js';

describe('read buffers', () => {
  it('lends a buffer of the asked length and reuses its memory once given back', () => {
    const a = takeReadBuffer(POOLED_READ_MIN + 10);
    expect(a.length).toBe(POOLED_READ_MIN + 10);
    expect(isReadBuffer(a)).toBe(true);
    giveBackReadBuffer(a.subarray(5, 20)); // any view on it gives it back
    const b = takeReadBuffer(READ_BUFFER_BYTES);
    expect(b.buffer).toBe(a.buffer);
    giveBackReadBuffer(b);
  });

  it('ignores a second give-back, so one buffer is never lent twice', () => {
    const a = takeReadBuffer(POOLED_READ_MIN);
    giveBackReadBuffer(a);
    giveBackReadBuffer(a);
    const b = takeReadBuffer(POOLED_READ_MIN);
    const c = takeReadBuffer(POOLED_READ_MIN);
    expect(b.buffer).not.toBe(c.buffer);
    giveBackReadBuffer(b);
    giveBackReadBuffer(c);
  });

  it('gives small and oversized reads buffers of their own', () => {
    for (const n of [0, 100, POOLED_READ_MIN - 1, READ_BUFFER_BYTES + 1]) {
      const b = takeReadBuffer(n);
      expect(b.length).toBe(n);
      expect(isReadBuffer(b)).toBe(false);
      giveBackReadBuffer(b); // a no-op
    }
    expect(isReadBuffer(Buffer.alloc(POOLED_READ_MIN))).toBe(false);
  });
});
