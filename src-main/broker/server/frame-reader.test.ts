import { describe, expect, it } from 'vitest';
import { FrameReader, FrameSizeError } from './frame-reader.js';

function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(payload.length, 0);
  return Buffer.concat([head, payload]);
}

describe('FrameReader', () => {
  it('returns whole frames from one chunk holding several', () => {
    const r = new FrameReader();
    const a = Buffer.from('aaaaaaaa');
    const b = Buffer.from('bbbbbbbbbb');
    expect(r.push(Buffer.concat([frame(a), frame(b)]))).toEqual([a, b]);
    expect(r.pendingBytes).toBe(0);
  });

  it('assembles frames split at every byte boundary, including inside the size prefix', () => {
    const payloads = [Buffer.from('0123456789'), Buffer.from('abcdefghijklmnop')];
    const all = Buffer.concat(payloads.map(frame));
    for (let cut = 1; cut < all.length; cut++) {
      const r = new FrameReader();
      const out = [...r.push(all.subarray(0, cut)), ...r.push(all.subarray(cut))];
      expect(out).toEqual(payloads);
    }
    const r = new FrameReader();
    const out: Buffer[] = [];
    for (const byte of all) out.push(...r.push(Buffer.from([byte])));
    expect(out).toEqual(payloads);
  });

  it('rejects sizes below 8 and above the limit', () => {
    const tooSmall = Buffer.alloc(4);
    tooSmall.writeInt32BE(7, 0);
    expect(() => new FrameReader().push(tooSmall)).toThrow(FrameSizeError);
    const tooBig = Buffer.alloc(4);
    tooBig.writeInt32BE(1025, 0);
    expect(() => new FrameReader(1024).push(tooBig)).toThrow(FrameSizeError);
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-1, 0);
    expect(() => new FrameReader().push(negative)).toThrow(FrameSizeError);
  });

  it('keeps a partial frame until the rest arrives', () => {
    const r = new FrameReader();
    const f = frame(Buffer.from('123456789'));
    expect(r.push(f.subarray(0, 6))).toEqual([]);
    expect(r.pendingBytes).toBe(2);
    expect(r.push(f.subarray(6))).toEqual([Buffer.from('123456789')]);
  });
});
