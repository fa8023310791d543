import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from './codec-errors.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

function roundTrip<T>(write: (w: Writer) => void, read: (r: Reader) => T): { value: T; bytes: Buffer } {
  const w = new Writer(4); // tiny on purpose: exercises growth
  write(w);
  const bytes = Buffer.from(w.finish());
  const r = new Reader(bytes);
  const value = read(r);
  expect(r.remaining()).toBe(0);
  return { value, bytes };
}

describe('fixed-width integers', () => {
  it('round-trips int8/16/32/64, uint16/32, float64 and bool at their limits', () => {
    for (const v of [-128, -1, 0, 127])
      expect(
        roundTrip(
          (w) => w.int8(v),
          (r) => r.int8(),
        ).value,
      ).toBe(v);
    for (const v of [-32768, -1, 0, 32767])
      expect(
        roundTrip(
          (w) => w.int16(v),
          (r) => r.int16(),
        ).value,
      ).toBe(v);
    for (const v of [-(2 ** 31), -1, 0, 2 ** 31 - 1])
      expect(
        roundTrip(
          (w) => w.int32(v),
          (r) => r.int32(),
        ).value,
      ).toBe(v);
    for (const v of [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n])
      expect(
        roundTrip(
          (w) => w.int64(v),
          (r) => r.int64(),
        ).value,
      ).toBe(v);
    for (const v of [0, 65535])
      expect(
        roundTrip(
          (w) => w.uint16(v),
          (r) => r.uint16(),
        ).value,
      ).toBe(v);
    for (const v of [0, 2 ** 32 - 1])
      expect(
        roundTrip(
          (w) => w.uint32(v),
          (r) => r.uint32(),
        ).value,
      ).toBe(v);
    for (const v of [0, -1.5, Math.PI, Number.MAX_VALUE])
      expect(
        roundTrip(
          (w) => w.float64(v),
          (r) => r.float64(),
        ).value,
      ).toBe(v);
    for (const v of [true, false])
      expect(
        roundTrip(
          (w) => w.bool(v),
          (r) => r.bool(),
        ).value,
      ).toBe(v);
  });

  it('is big-endian', () => {
    const w = new Writer();
    w.int32(0x01020304);
    expect([...w.finish()]).toEqual([1, 2, 3, 4]);
  });
});

describe('varints', () => {
  it('encodes unsigned varints at the 7-bit boundaries with the expected lengths', () => {
    const cases: Array<[number, number]> = [
      [0, 1],
      [127, 1],
      [128, 2],
      [16383, 2],
      [16384, 3],
      [2097151, 3],
      [2097152, 4],
      [268435455, 4],
      [268435456, 5],
      [2 ** 32 - 1, 5],
    ];
    for (const [v, len] of cases) {
      const { value, bytes } = roundTrip(
        (w) => w.uvarint(v),
        (r) => r.uvarint(),
      );
      expect(value).toBe(v);
      expect(bytes.length).toBe(len);
    }
    expect([
      ...roundTrip(
        (w) => w.uvarint(300),
        (r) => r.uvarint(),
      ).bytes,
    ]).toEqual([0xac, 0x02]);
  });

  it('zigzags signed varints', () => {
    const expectBytes = (v: number, b: number[]) =>
      expect([
        ...roundTrip(
          (w) => w.varint(v),
          (r) => r.varint(),
        ).bytes,
      ]).toEqual(b);
    expectBytes(0, [0]);
    expectBytes(-1, [1]);
    expectBytes(1, [2]);
    expectBytes(-64, [0x7f]);
    expectBytes(64, [0x80, 0x01]);
    for (const v of [-(2 ** 31), -65, 63, 2 ** 31 - 1])
      expect(
        roundTrip(
          (w) => w.varint(v),
          (r) => r.varint(),
        ).value,
      ).toBe(v);
  });

  it('zigzags varlongs over the whole int64 range', () => {
    for (const v of [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 1234567890123n, -987654321098n]) {
      expect(
        roundTrip(
          (w) => w.varlong(v),
          (r) => r.varlong(),
        ).value,
      ).toBe(v);
    }
    expect(
      roundTrip(
        (w) => w.varlong(-(2n ** 63n)),
        (r) => r.varlong(),
      ).bytes.length,
    ).toBe(10);
  });

  it('rejects truncated and over-long varints', () => {
    expect(() => new Reader(Buffer.from([0x80])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x1f])).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.alloc(11, 0xff)).uvarlong()).toThrow(ProtocolDecodeError);
  });
});

describe('strings and bytes', () => {
  it('round-trips classic and compact strings, including null and multi-byte UTF-8', () => {
    for (const s of ['', 'topic-1', 'żółć 🚀']) {
      expect(
        roundTrip(
          (w) => w.string(s),
          (r) => r.string(),
        ).value,
      ).toBe(s);
      expect(
        roundTrip(
          (w) => w.compactString(s),
          (r) => r.compactString(),
        ).value,
      ).toBe(s);
    }
    expect([
      ...roundTrip(
        (w) => w.nullableString(null),
        (r) => r.nullableString(),
      ).bytes,
    ]).toEqual([0xff, 0xff]);
    expect([
      ...roundTrip(
        (w) => w.compactNullableString(null),
        (r) => r.compactNullableString(),
      ).bytes,
    ]).toEqual([0]);
    expect([
      ...roundTrip(
        (w) => w.compactString('ab'),
        (r) => r.compactString(),
      ).bytes,
    ]).toEqual([3, 0x61, 0x62]);
    expect(
      roundTrip(
        (w) => w.compactNullableString(''),
        (r) => r.compactNullableString(),
      ).value,
    ).toBe('');
  });

  it('round-trips bytes in all four flavours', () => {
    const b = Buffer.from([1, 2, 3]);
    expect(
      roundTrip(
        (w) => w.bytes(b),
        (r) => r.bytes(),
      ).value,
    ).toEqual(b);
    expect(
      roundTrip(
        (w) => w.nullableBytes(null),
        (r) => r.nullableBytes(),
      ).value,
    ).toBeNull();
    expect(
      roundTrip(
        (w) => w.compactBytes(b),
        (r) => r.compactBytes(),
      ).value,
    ).toEqual(b);
    expect(
      roundTrip(
        (w) => w.compactNullableBytes(null),
        (r) => r.compactNullableBytes(),
      ).value,
    ).toBeNull();
    expect(
      roundTrip(
        (w) => w.compactBytes(Buffer.alloc(0)),
        (r) => r.compactBytes(),
      ).value.length,
    ).toBe(0);
  });

  it('returns a view (no copy) when asked, a copy otherwise', () => {
    const frame = Buffer.from([0, 0, 0, 2, 9, 9]);
    const view = new Reader(frame).bytes(false);
    const copy = new Reader(frame).bytes(true);
    frame[4] = 7;
    expect(view[0]).toBe(7);
    expect(copy[0]).toBe(9);
  });

  it('rejects null for non-nullable and lengths beyond the frame', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0])).compactString()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0, 5, 0x61])).string()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xfe])).nullableString()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).bytes()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).nullableBytes()).toThrow(ProtocolDecodeError);
  });

  it('round-trips uuids as 16-byte buffers', () => {
    const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    expect(
      roundTrip(
        (w) => w.uuid(id),
        (r) => r.uuid(),
      ).value,
    ).toEqual(id);
    expect(() => new Writer().uuid(Buffer.alloc(3))).toThrow(RangeError);
    expect(() => new Reader(Buffer.alloc(15)).uuid()).toThrow(ProtocolDecodeError);
  });
});

describe('arrays and tagged fields', () => {
  it('encodes array lengths classic and compact, with null', () => {
    expect(
      roundTrip(
        (w) => w.arrayLength(-1, false),
        (r) => r.arrayLength(false),
      ).value,
    ).toBe(-1);
    expect(
      roundTrip(
        (w) => w.arrayLength(-1, true),
        (r) => r.arrayLength(true),
      ).value,
    ).toBe(-1);
    const w = new Writer();
    w.arrayLength(2, true);
    w.int8(1);
    w.int8(2);
    expect(new Reader(w.finish()).arrayLength(true)).toBe(2);
  });

  it('refuses a forged array length larger than the remaining bytes, before allocating', () => {
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).arrayLength(false)).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0x0f])).arrayLength(true)).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xf0])).arrayLength(false)).toThrow(ProtocolDecodeError);
  });

  it('skips unknown tagged fields and checks their sizes', () => {
    // two tags: tag 0 with 2 bytes, tag 5 with 1 byte, then a trailing int8
    const r = new Reader(Buffer.from([2, 0, 2, 0xaa, 0xbb, 5, 1, 0xcc, 42]));
    r.skipTaggedFields();
    expect(r.int8()).toBe(42);
    expect(() => new Reader(Buffer.from([1, 0, 9, 1])).skipTaggedFields()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from([100])).skipTaggedFields()).toThrow(ProtocolDecodeError);
  });
});
