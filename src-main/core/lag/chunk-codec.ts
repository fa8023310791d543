/**
 * Packs a run of lag samples of one series into a small blob, the way time-series databases do:
 * the first point in full, then for each of time, committed offset and log-end offset the change of
 * the change ("delta of delta"), zigzag-encoded as a varint. Samples taken at a steady interval
 * from a steadily consuming group cost about one byte per value instead of eight.
 *
 * Values are JavaScript numbers: offsets and millisecond times stay far below 2^50 in practice,
 * and the arithmetic here never leaves the exactly representable integers below 2^53.
 */

export interface SamplePoint {
  /** Milliseconds since the epoch. */
  t: number;
  committed: number;
  end: number;
}

/** Offsets (and times) beyond this are refused rather than silently rounded. */
export const MAX_VALUE = 2 ** 50;

const TWO_7 = 128;

class ByteWriter {
  private buf: Uint8Array;
  pos = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(16, size));
  }
  private room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf);
    this.buf = next;
  }
  /** Unsigned varint of a non-negative integer up to 2^53. */
  uvarint(v: number) {
    this.room(8);
    while (v >= TWO_7) {
      this.buf[this.pos++] = (v % TWO_7) | 0x80;
      v = Math.floor(v / TWO_7);
    }
    this.buf[this.pos++] = v;
  }
  /** Zigzag: small negative and positive numbers both become small unsigned ones. */
  svarint(v: number) {
    this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  uvarint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('lag chunk is truncated');
      const b = this.buf[this.pos++]!;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= TWO_7;
      if (scale > 2 ** 56) throw new Error('lag chunk has an overlong varint');
    }
  }
  svarint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
}

function check(p: SamplePoint) {
  for (const v of [p.t, p.committed, p.end]) {
    if (!Number.isSafeInteger(v) || Math.abs(v) > MAX_VALUE) throw new RangeError(`value ${v} cannot be stored`);
  }
}

/** Points must be in time order. An empty run encodes to one byte. */
export function encodeChunk(points: readonly SamplePoint[]): Uint8Array {
  const w = new ByteWriter(8 + points.length * 4);
  w.uvarint(points.length);
  let prev: SamplePoint | null = null;
  let dt = 0;
  let dc = 0;
  let de = 0;
  for (const p of points) {
    check(p);
    if (!prev) {
      w.uvarint(p.t);
      w.svarint(p.committed);
      w.svarint(p.end);
    } else {
      if (p.t < prev.t) throw new RangeError('points must be in time order');
      const nt = p.t - prev.t;
      const nc = p.committed - prev.committed;
      const ne = p.end - prev.end;
      w.svarint(nt - dt);
      w.svarint(nc - dc);
      w.svarint(ne - de);
      dt = nt;
      dc = nc;
      de = ne;
    }
    prev = p;
  }
  return w.finish();
}

/** Calls `visit` for each point in order; the caller keeps only what it needs (no array per chunk). */
export function forEachPoint(blob: Uint8Array, visit: (t: number, committed: number, end: number) => void): void {
  const r = new ByteReader(blob);
  const n = r.uvarint();
  if (n === 0) return;
  let t = r.uvarint();
  let c = r.svarint();
  let e = r.svarint();
  visit(t, c, e);
  let dt = 0;
  let dc = 0;
  let de = 0;
  for (let i = 1; i < n; i++) {
    dt += r.svarint();
    dc += r.svarint();
    de += r.svarint();
    t += dt;
    c += dc;
    e += de;
    visit(t, c, e);
  }
}

export function decodeChunk(blob: Uint8Array): SamplePoint[] {
  const out: SamplePoint[] = [];
  forEachPoint(blob, (t, committed, end) => out.push({ t, committed, end }));
  return out;
}
