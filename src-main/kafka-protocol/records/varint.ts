/**
 * Zigzag varints as used inside v2 records. Readers are bounds-checked and advance a cursor so
 * a forged length can never read past the buffer or loop forever.
 */
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';

export interface Cursor {
  buf: Uint8Array;
  pos: number;
  end: number;
}

function truncated(): never {
  throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Truncated varint in record');
}

/** Zigzag varint limited to 32 bits (5 bytes). */
export function readVarint(c: Cursor): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (c.pos >= c.end) truncated();
    const b = c.buf[c.pos++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Varint is too long');
  }
  return (result >>> 1) ^ -(result & 1);
}

/** Zigzag varlong (≤10 bytes) as a JS number: exact up to 2^53, plenty for timestamp deltas. */
export function readVarlong(c: Cursor): number {
  let result = 0;
  let mul = 1;
  for (let i = 0; ; i++) {
    if (c.pos >= c.end) truncated();
    if (i >= 10) throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Varlong is too long');
    const b = c.buf[c.pos++];
    result += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) break;
    mul *= 128;
  }
  return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
}

export function sizeOfVarint(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  let n = 1;
  while (v >= 0x80) {
    v >>>= 7;
    n++;
  }
  return n;
}

export function sizeOfVarlong(value: number): number {
  let v = value >= 0 ? value * 2 : -value * 2 - 1;
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Write a zigzag varint at `pos`; returns the new position. */
export function writeVarint(buf: Uint8Array, pos: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

export function writeVarlong(buf: Uint8Array, pos: number, value: number): number {
  let v = value >= 0 ? value * 2 : -value * 2 - 1;
  while (v >= 128) {
    buf[pos++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}
