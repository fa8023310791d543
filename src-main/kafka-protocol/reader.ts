/**
 * Kafka wire primitives, input side: a bounds-checked Reader over Buffer (see writer.ts for output).
 *
 * The Reader never trusts a length from the wire: every read checks the bytes left first, and every
 * array/bytes/string length is compared with the remaining bytes *before* anything is allocated, so a
 * forged length can neither crash us with a RangeError nor make us allocate a giant array.
 */
import { ProtocolDecodeError } from './codec-errors.js';

const EMPTY = Buffer.alloc(0);

export class Reader {
  pos: number;
  end: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless n more bytes are available. */
  need(n: number): void {
    if (n > this.end - this.pos) {
      throw new ProtocolDecodeError(
        `truncated frame: need ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`,
      );
    }
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  bool(): boolean {
    this.need(1);
    return this.buf[this.pos++] !== 0;
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  uint16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  float64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Unsigned varint holding at most 32 bits (Kafka's limit: 5 bytes). */
  uvarint(): number {
    const buf = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw new ProtocolDecodeError(`truncated varint at offset ${this.pos}`);
      const b = buf[this.pos++];
      if (i === 4 && b > 0x0f) throw new ProtocolDecodeError('varint exceeds 32 bits');
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new ProtocolDecodeError('varint is longer than 5 bytes');
  }

  /** Zigzag signed varint (32 bit). */
  varint(): number {
    const u = this.uvarint();
    // u fits in uint32; >>> 1 and & 1 work on its uint32 view.
    return (u >>> 1) ^ -(u & 1);
  }

  /** Unsigned varlong (at most 10 bytes, 64 bits). */
  uvarlong(): bigint {
    const buf = this.buf;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtocolDecodeError(`truncated varlong at offset ${this.pos}`);
      const b = buf[this.pos++];
      if (i === 9 && b > 0x01) throw new ProtocolDecodeError('varlong exceeds 64 bits');
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtocolDecodeError('varlong is longer than 10 bytes');
  }

  /** Zigzag signed varlong (64 bit). */
  varlong(): bigint {
    const u = this.uvarlong();
    return (u >> 1n) ^ -(u & 1n);
  }

  private utf8(len: number): string {
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  string(): string {
    const len = this.int16();
    if (len < 0) throw new ProtocolDecodeError(`null or negative length ${len} for non-nullable string`);
    return this.utf8(len);
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < 0) throw new ProtocolDecodeError(`invalid string length ${len}`);
    return this.utf8(len);
  }

  compactString(): string {
    const n = this.uvarint();
    if (n === 0) throw new ProtocolDecodeError('null for non-nullable compact string');
    return this.utf8(n - 1);
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    return n === 0 ? null : this.utf8(n - 1);
  }

  /** Raw bytes of the given length. copy=false returns a view on the frame (no copy). */
  private raw(len: number, copy: boolean): Buffer {
    this.need(len);
    const start = this.pos;
    this.pos += len;
    if (len === 0) return EMPTY;
    const view = this.buf.subarray(start, start + len);
    return copy ? Buffer.from(view) : view;
  }

  bytes(copy = true): Buffer {
    const len = this.int32();
    if (len < 0) throw new ProtocolDecodeError(`null or negative length ${len} for non-nullable bytes`);
    return this.raw(len, copy);
  }

  nullableBytes(copy = true): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < 0) throw new ProtocolDecodeError(`invalid bytes length ${len}`);
    return this.raw(len, copy);
  }

  compactBytes(copy = true): Buffer {
    const n = this.uvarint();
    if (n === 0) throw new ProtocolDecodeError('null for non-nullable compact bytes');
    return this.raw(n - 1, copy);
  }

  compactNullableBytes(copy = true): Buffer | null {
    const n = this.uvarint();
    return n === 0 ? null : this.raw(n - 1, copy);
  }

  uuid(): Buffer {
    return this.raw(16, true);
  }

  /**
   * Array element count (-1 for null). Every element takes at least one byte in every type we decode
   * through this path, so a count above the bytes left is a forged length; rejecting it keeps a
   * 4-byte frame from making us allocate a 2^31-slot array.
   */
  arrayLength(compact: boolean): number {
    let n: number;
    if (compact) {
      n = this.uvarint() - 1;
    } else {
      n = this.int32();
      if (n < -1) throw new ProtocolDecodeError(`invalid array length ${n}`);
    }
    if (n > this.end - this.pos) {
      throw new ProtocolDecodeError(`array length ${n} exceeds the ${this.end - this.pos} bytes left`);
    }
    return n;
  }

  /** Reads and discards a tagged-field section. */
  skipTaggedFields(): void {
    const count = this.uvarint();
    if (count > this.end - this.pos) throw new ProtocolDecodeError(`tagged field count ${count} exceeds frame`);
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      this.skip(this.uvarint());
    }
  }
}
