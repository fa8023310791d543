/**
 * Byte-level mutators for request frames (which start with their 4-byte size prefix). They never
 * touch the prefix; callers re-stamp it (or deliberately lie in it) afterwards.
 */
import type { Rng } from './prng.js';

const I32 = [-1, -2, 0, 1, 2, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 1_000_000, 100_000_000];
const I16 = [-1, -2, 0, 1, 0x7fff, -0x8000, 0xff, 0x100];
/** Unsigned varints: huge, overlong (more than 5 bytes), zero (compact null), max int32 + 1. */
const VARINTS = [
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0xff, 0xff, 0xff, 0xff, 0x07],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0x00],
  [0x80, 0x80, 0x80, 0x80, 0x08],
  [0xe8, 0x07],
];

/** Stamps the size prefix so the frame is well-framed (its contents may still be garbage). */
export function reframe(frame: Buffer): Buffer {
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

export function bitFlip(rng: Rng, f: Buffer, from = 4): Buffer {
  const out = Buffer.from(f);
  if (out.length <= from) return out;
  const flips = rng.int(1, 4);
  for (let i = 0; i < flips; i++) out[rng.int(from, out.length - 1)] ^= 1 << rng.int(0, 7);
  return out;
}

export function insertBytes(rng: Rng, f: Buffer, from = 4): Buffer {
  const at = rng.int(from, f.length);
  return Buffer.concat([f.subarray(0, at), rng.bytes(rng.int(1, 16)), f.subarray(at)]);
}

export function deleteBytes(rng: Rng, f: Buffer, from = 4): Buffer {
  if (f.length <= from + 1) return Buffer.from(f);
  const at = rng.int(from, f.length - 1);
  const n = rng.int(1, Math.min(16, f.length - at));
  return Buffer.concat([f.subarray(0, at), f.subarray(at + n)]);
}

/** Positions where a sample string "s<digits>-ü" starts (see kafka-protocol/testing/samples.ts): their length prefix sits just before. */
function sampleStringStarts(f: Buffer): number[] {
  const out: number[] = [];
  for (let i = 4; i < f.length - 4; i++) {
    if (f[i] !== 0x73) continue;
    let j = i + 1;
    while (j < f.length && f[j] >= 0x30 && f[j] <= 0x39) j++;
    if (j > i + 1 && f[j] === 0x2d && f[j + 1] === 0xc3 && f[j + 2] === 0xbc) out.push(i);
  }
  return out;
}

/**
 * Forges a string or array length: overwrites the prefix of a known string, an int32 "2" (sample
 * arrays hold two elements) or a random spot with a hostile int16/int32/varint.
 */
export function forgeLength(rng: Rng, f: Buffer, flexible: boolean, from = 4): Buffer {
  const out = Buffer.from(f);
  const strings = sampleStringStarts(out).filter((p) => p - 2 >= from);
  const twos: number[] = [];
  for (let i = from; i + 4 <= out.length; i++) if (out.readInt32BE(i) === 2) twos.push(i);
  const mode = rng.int(0, 2);
  if (mode === 0 && strings.length > 0) {
    const at = rng.pick(strings);
    if (flexible) return splice(out, at - 1, 1, Buffer.from(rng.pick(VARINTS)));
    out.writeInt16BE(rng.pick(I16), at - 2);
    return out;
  }
  if (mode === 1 && twos.length > 0 && !flexible) {
    out.writeInt32BE(rng.pick(I32) | 0, rng.pick(twos));
    return out;
  }
  if (out.length < from + 4) return insertBytes(rng, out, from);
  const at = rng.int(from, out.length - 4);
  if (flexible && rng.chance(0.5)) return splice(out, at, 1, Buffer.from(rng.pick(VARINTS)));
  if (rng.chance(0.5)) out.writeInt16BE(rng.pick(I16), at);
  else out.writeInt32BE(rng.pick(I32) | 0, at);
  return out;
}

function splice(b: Buffer, at: number, remove: number, insert: Buffer): Buffer {
  return Buffer.concat([b.subarray(0, at), insert, b.subarray(at + remove)]);
}

/** One to four random mutations, then a correct size prefix. */
export function mutateFrame(rng: Rng, f: Buffer, flexible: boolean): Buffer {
  let out = f;
  const n = rng.int(1, 4);
  // Mostly leave the header alone (offset 12+) so the body decoder, not the header check, is fuzzed.
  const from = rng.chance(0.8) ? Math.min(12, f.length) : 4;
  for (let i = 0; i < n; i++) {
    const m = rng.int(0, 3);
    out =
      m === 0
        ? bitFlip(rng, out, from)
        : m === 1
          ? insertBytes(rng, out, from)
          : m === 2
            ? deleteBytes(rng, out, from)
            : forgeLength(rng, out, flexible, from);
  }
  return reframe(out);
}
