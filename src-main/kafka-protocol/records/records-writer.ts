/**
 * The records section of a v2 batch, written one record at a time into a growing buffer. A bulk
 * send appends each record as it is made and lets it go, so a send of thousands of records never
 * holds them all as objects (the young generation would copy every one of them, and often twice).
 */
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

/** A key, value or header value: a string is written as UTF-8, never made into a Buffer of its own first. */
export type RecordBytes = Buffer | string | null;

export interface HeaderInput {
  key: string;
  value: RecordBytes;
}

const NO_HEADERS: readonly HeaderInput[] = [];
const FIRST_BYTES = 16 * 1024;

/**
 * Strings are encoded once, into this scratch buffer, before their record is written (measuring a
 * string's UTF-8 length first costs as much as encoding it), then copied. Shared by every writer:
 * appends are synchronous. One grown past SCRATCH_KEEP goes back to the small size after use.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const SCRATCH_KEEP = 1024 * 1024;

/** UTF-8 of `str` at `at` in the scratch buffer (grown as needed); returns its length. */
function encodeString(str: string, at: number): number {
  const most = str.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
  if (at + most > scratch.length) {
    const grown = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, at + most));
    scratch.copy(grown, 0, 0, at);
    scratch = grown;
  }
  return scratch.write(str, at, 'utf8');
}

function byteLength(v: RecordBytes): number {
  return v === null ? -1 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;
}

/** A length-prefixed field: varint length (-1 for null), then the bytes. */
function fieldSize(length: number): number {
  return length < 0 ? 1 : sizeOfVarint(length) + length;
}

export class RecordsWriter {
  private buf: Buffer;
  private pos: number;
  /** Records appended so far (the next record's default offset delta). */
  count = 0;

  /** `headroom` bytes stay free at the start (a batch header goes there); `expectBytes` sizes the first buffer. */
  constructor(
    private readonly headroom = 0,
    expectBytes = FIRST_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(headroom + Math.max(expectBytes, 64));
    this.pos = headroom;
  }

  /** Bytes of records written so far. */
  get size(): number {
    return this.pos - this.headroom;
  }

  append(
    key: RecordBytes,
    value: RecordBytes,
    headers: readonly HeaderInput[] = NO_HEADERS,
    timestampDelta = 0,
    offsetDelta = this.count,
    attributes = 0,
  ): void {
    // Strings into the scratch buffer first: their lengths decide the record's size prefix.
    let used = 0;
    const keyAt = typeof key === 'string' ? used : -1;
    const keyLen = keyAt >= 0 ? encodeString(key as string, 0) : key === null ? -1 : (key as Buffer).length;
    if (keyAt >= 0) used = keyLen;
    const valueAt = typeof value === 'string' ? used : -1;
    const valueLen =
      valueAt >= 0 ? encodeString(value as string, used) : value === null ? -1 : (value as Buffer).length;
    let body = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta) + fieldSize(keyLen) + fieldSize(valueLen);
    body += sizeOfVarint(headers.length);
    for (const h of headers) body += fieldSize(Buffer.byteLength(h.key)) + fieldSize(byteLength(h.value));

    this.ensure(sizeOfVarint(body) + body);
    const out = this.buf;
    let pos = writeVarint(out, this.pos, body);
    out[pos++] = attributes;
    pos = writeVarlong(out, pos, timestampDelta);
    pos = writeVarint(out, pos, offsetDelta);
    pos = this.field(pos, key, keyAt, keyLen);
    pos = this.field(pos, value, valueAt, valueLen);
    pos = writeVarint(out, pos, headers.length);
    for (const h of headers) {
      const k = Buffer.byteLength(h.key);
      pos = writeVarint(out, pos, k);
      out.write(h.key, pos, k, 'utf8');
      pos += k;
      const v = byteLength(h.value);
      pos = writeVarint(out, pos, v);
      if (v > 0) {
        if (typeof h.value === 'string') out.write(h.value, pos, v, 'utf8');
        else (h.value as Buffer).copy(out, pos);
        pos += v;
      }
    }
    this.pos = pos;
    this.count++;
    if (scratch.length > SCRATCH_KEEP) scratch = Buffer.allocUnsafeSlow(64 * 1024);
  }

  /** The headroom and the records written; the writer is spent afterwards. */
  finish(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.alloc(0);
    return out;
  }

  /** A key or value: from the scratch buffer when it was a string (encoded at `at`), else as given. */
  private field(pos: number, v: RecordBytes, at: number, length: number): number {
    pos = writeVarint(this.buf, pos, length);
    if (length <= 0) return pos;
    if (at >= 0) scratch.copy(this.buf, pos, at, at + length);
    else (v as Buffer).copy(this.buf, pos);
    return pos + length;
  }

  private ensure(more: number): void {
    if (this.pos + more <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + more));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
