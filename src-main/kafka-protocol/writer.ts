/** Kafka wire primitives, output side: a growable Writer over Buffer (see reader.ts for input). */

/**
 * Growable output buffer. Grows geometrically so many small writes stay amortised O(1).
 *
 * With `spliceMin`, raw byte runs at least that long (a Fetch response's record batches, megabytes
 * read from a segment) are not copied in: the output becomes a list of chunks that reference them,
 * written to the socket as they are (see finishChunks). Positions are then relative to the chunk
 * being written, so only writers built without it may patch bytes by absolute position.
 */
export class Writer {
  buf: Buffer;
  pos = 0;
  /** Finished chunks, when a raw run was spliced in; null while the output is one buffer. */
  private chunks: Buffer[] | null = null;
  private chunkedBytes = 0;
  /** Where the chunk being written starts in `buf`. */
  private chunkStart = 0;

  constructor(
    initialSize = 256,
    private readonly spliceMin = Infinity,
  ) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far, spliced chunks included. */
  get length(): number {
    return this.chunkedBytes + this.pos - this.chunkStart;
  }

  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    // Spliced chunks keep views on the old buffer, so only the chunk in progress moves.
    const keep = this.pos - this.chunkStart;
    let size = this.buf.length * 2;
    if (size < keep + n) size = keep + n + 256;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, this.chunkStart, this.pos);
    this.buf = next;
    this.pos = keep;
    this.chunkStart = 0;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Buffer {
    if (this.chunks) return Buffer.concat(this.finishChunks(), this.length);
    return this.buf.subarray(0, this.pos);
  }

  /** The bytes written so far as a list of buffers to be sent in order (views, nothing copied). */
  finishChunks(): Buffer[] {
    const tail = this.buf.subarray(this.chunkStart, this.pos);
    if (!this.chunks) return [tail];
    return tail.length > 0 ? [...this.chunks, tail] : [...this.chunks];
  }

  int8(v: number): void {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos++);
  }

  bool(v: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  int16(v: number): void {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
  }

  uint16(v: number): void {
    this.ensure(2);
    this.pos = this.buf.writeUInt16BE(v, this.pos);
  }

  int32(v: number): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(v, this.pos);
  }

  uint32(v: number): void {
    this.ensure(4);
    this.pos = this.buf.writeUInt32BE(v, this.pos);
  }

  int64(v: bigint): void {
    this.ensure(8);
    this.pos = this.buf.writeBigInt64BE(v, this.pos);
  }

  float64(v: number): void {
    this.ensure(8);
    this.pos = this.buf.writeDoubleBE(v, this.pos);
  }

  uvarint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`uvarint out of range: ${v}`);
    this.ensure(5);
    const buf = this.buf;
    while (v >= 0x80) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[this.pos++] = v;
  }

  varint(v: number): void {
    this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  uvarlong(v: bigint): void {
    this.ensure(10);
    const buf = this.buf;
    let u = BigInt.asUintN(64, v);
    while (u >= 0x80n) {
      buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    buf[this.pos++] = Number(u);
  }

  varlong(v: bigint): void {
    this.uvarlong(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
  }

  raw(b: Buffer): void {
    if (b.length >= this.spliceMin) {
      const head = this.buf.subarray(this.chunkStart, this.pos);
      (this.chunks ??= []).push(...(head.length > 0 ? [head, b] : [b]));
      this.chunkedBytes += head.length + b.length;
      this.chunkStart = this.pos;
      return;
    }
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  private utf8(s: string, len: number): void {
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  string(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new RangeError(`string too long for int16 length: ${len} bytes`);
    this.int16(len);
    this.utf8(s, len);
  }

  nullableString(s: string | null): void {
    if (s === null) this.int16(-1);
    else this.string(s);
  }

  compactString(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.uvarint(len + 1);
    this.utf8(s, len);
  }

  compactNullableString(s: string | null): void {
    if (s === null) this.uvarint(0);
    else this.compactString(s);
  }

  bytes(b: Buffer): void {
    this.int32(b.length);
    this.raw(b);
  }

  nullableBytes(b: Buffer | null): void {
    if (b === null) this.int32(-1);
    else this.bytes(b);
  }

  compactBytes(b: Buffer): void {
    this.uvarint(b.length + 1);
    this.raw(b);
  }

  compactNullableBytes(b: Buffer | null): void {
    if (b === null) this.uvarint(0);
    else this.compactBytes(b);
  }

  uuid(b: Buffer): void {
    if (b.length !== 16) throw new RangeError(`uuid must be 16 bytes, got ${b.length}`);
    this.raw(b);
  }

  /** Array length prefix; pass -1 for a null array. */
  arrayLength(n: number, compact: boolean): void {
    if (compact) this.uvarint(n + 1);
    else this.int32(n);
  }

  /** An empty tagged-field section. */
  emptyTaggedFields(): void {
    this.ensure(1);
    this.buf[this.pos++] = 0;
  }
}
