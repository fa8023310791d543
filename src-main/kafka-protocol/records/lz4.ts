/**
 * LZ4 frame decoder (Kafka's LZ4 codec, magic v1+ uses the standard frame format). Written here
 * rather than using lz4js's decompressor because that one trusts the declared content size and
 * block sizes; this one is bounds-checked and stops at `maxOutput`.
 */
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';

const MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

function corrupt(msg: string): never {
  throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `LZ4: ${msg}`);
}

class Output {
  buf: Uint8Array;
  len = 0;
  constructor(
    initial: number,
    private readonly max: number,
  ) {
    this.buf = new Uint8Array(Math.max(64, Math.min(initial, max)));
  }
  ensure(extra: number): void {
    const need = this.len + extra;
    if (need > this.max) {
      throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `LZ4: output exceeds ${this.max} bytes`);
    }
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.min(this.max, Math.max(need, this.buf.length * 2)));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
  }
}

function decodeBlock(src: Uint8Array, s: number, end: number, out: Output): void {
  while (s < end) {
    const token = src[s++];
    let litLen = token >>> 4;
    if (litLen === 15) {
      let b: number;
      do {
        if (s >= end) corrupt('truncated literal length');
        b = src[s++];
        litLen += b;
      } while (b === 255);
    }
    if (s + litLen > end) corrupt('literal run past block end');
    out.ensure(litLen);
    out.buf.set(src.subarray(s, s + litLen), out.len);
    out.len += litLen;
    s += litLen;
    if (s === end) return; // the last sequence has literals only
    if (s + 2 > end) corrupt('truncated match offset');
    const offset = src[s] | (src[s + 1] << 8);
    s += 2;
    if (offset === 0 || offset > out.len) corrupt('match offset out of range');
    let matchLen = token & 15;
    if (matchLen === 15) {
      let b: number;
      do {
        if (s >= end) corrupt('truncated match length');
        b = src[s++];
        matchLen += b;
      } while (b === 255);
    }
    matchLen += 4;
    out.ensure(matchLen);
    const o = out.buf;
    let d = out.len;
    let m = d - offset;
    if (offset >= matchLen) {
      o.copyWithin(d, m, m + matchLen);
      d += matchLen;
    } else {
      for (let i = 0; i < matchLen; i++) o[d++] = o[m++]; // overlapping copy repeats the pattern
    }
    out.len = d;
  }
}

function readU32LE(src: Uint8Array, p: number): number {
  return (src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24)) >>> 0;
}

/** Decode one or more concatenated LZ4 frames. */
export function lz4DecompressFrames(src: Uint8Array, maxOutput: number): Buffer {
  const out = new Output(src.length * 4, maxOutput);
  let s = 0;
  while (s < src.length) {
    if (s + 4 > src.length) corrupt('truncated magic');
    const magic = readU32LE(src, s);
    s += 4;
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (s + 4 > src.length) corrupt('truncated skippable frame');
      s += 4 + readU32LE(src, s);
      continue;
    }
    if (magic !== MAGIC) corrupt('bad magic');
    if (s + 3 > src.length) corrupt('truncated frame descriptor');
    const flg = src[s++];
    s++; // BD: block max size, irrelevant for decoding
    if (flg >>> 6 !== 1) corrupt('unsupported frame version');
    const blockChecksum = (flg & 0x10) !== 0;
    const contentSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const dictId = (flg & 0x01) !== 0;
    if (contentSize) s += 8;
    if (dictId) s += 4;
    s++; // header checksum: skipped (old Kafka clients computed it wrongly)
    for (;;) {
      if (s + 4 > src.length) corrupt('truncated block size');
      const raw = readU32LE(src, s);
      s += 4;
      if (raw === 0) break; // end mark
      const size = raw & 0x7fffffff;
      if (s + size > src.length) corrupt('block past end of input');
      if (raw & 0x80000000) {
        out.ensure(size);
        out.buf.set(src.subarray(s, s + size), out.len);
        out.len += size;
      } else {
        decodeBlock(src, s, s + size, out);
      }
      s += size;
      if (blockChecksum) s += 4;
    }
    if (contentChecksum) s += 4;
    if (s > src.length) corrupt('truncated frame trailer');
  }
  return Buffer.from(out.buf.buffer, out.buf.byteOffset, out.len);
}
