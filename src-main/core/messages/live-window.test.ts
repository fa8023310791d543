import { describe, expect, it } from 'vitest';
import { LiveWindow } from './live-window.js';
import { toKafkaMessage, type ReadRecord } from './read-record.js';

const rec = (n: number, over: Partial<ReadRecord> = {}): ReadRecord => ({
  partition: n % 3,
  offset: BigInt(1_000_000_000_000 + n),
  timestamp: 1_700_000_000_000 + n,
  key: Buffer.from(`key-${n}`),
  value: Buffer.from(`value ${n} ü`),
  headers: [],
  ...over,
});

describe('the live window', () => {
  it('gives back each record exactly as a page row shows it: previews, sizes, nulls, headers', () => {
    const w = new LiveWindow(10, 1024 * 1024);
    const odd: ReadRecord[] = [
      rec(0, { key: null, value: null }),
      rec(1, { key: Buffer.alloc(0), value: Buffer.alloc(10_000, 7) }), // value cut to its preview
      rec(2, {
        headers: [
          { key: 'trace-id', value: Buffer.from('abc') },
          { key: 'ü-empty', value: null },
        ],
      }),
      rec(3, { headers: Array.from({ length: 80 }, (_, i) => ({ key: `h${i}`, value: Buffer.alloc(300, i) })) }),
    ];
    w.add(odd);
    for (let n = 0; n < odd.length; n++) expect(w.numbered(n)).toEqual(toKafkaMessage(odd[n]!));
    expect(w.numbered(1)!.value).toMatchObject({ size: 10_000, truncated: true });
    expect(w.at(0)).toEqual(toKafkaMessage(odd[3]!));
  });

  it('keeps the newest N, newest first, and counts what fell out', () => {
    const w = new LiveWindow(3, 1024 * 1024);
    w.add([rec(1), rec(2)]);
    expect([w.at(0)?.offset, w.at(1)?.offset]).toEqual([rec(2).offset.toString(), rec(1).offset.toString()]);
    w.add([3, 4, 5, 6, 7].map((n) => rec(n)));
    expect(w.count).toBe(3);
    expect(w.dropped).toBe(4);
    expect(w.received).toBe(7);
    expect(w.numbered(3)).toBeUndefined();
    expect(w.numbered(4)).toEqual(toKafkaMessage(rec(5)));
    expect(w.numbered(7)).toBeUndefined();
  });

  it('takes a burst larger than the window without storing what cannot stay', () => {
    const w = new LiveWindow(1000, 1024 * 1024);
    w.add([rec(-1)]);
    w.add(Array.from({ length: 100_000 }, (_, i) => rec(i)));
    expect(w.received).toBe(100_001);
    expect(w.count).toBe(1000);
    expect(w.at(0)).toEqual(toKafkaMessage(rec(99_999)));
    expect(w.at(999)).toEqual(toKafkaMessage(rec(99_000)));
  });

  it('when previews outgrow the arena, keeps the newest that fit, intact, as it wraps round', () => {
    const w = new LiveWindow(10_000, 256 * 1024); // room for ~60 records of 4 KiB previews
    const big = (n: number) => rec(n, { value: Buffer.alloc(5000, n % 251) });
    for (let batch = 0; batch < 50; batch++) w.add(Array.from({ length: 37 }, (_, i) => big(batch * 37 + i)));
    expect(w.received).toBe(1850);
    expect(w.count).toBeGreaterThan(20);
    expect(w.count).toBeLessThan(70);
    for (let i = 0; i < w.count; i++) expect(w.at(i)).toEqual(toKafkaMessage(big(1849 - i)));
    expect(w.numbered(w.received - w.count - 1)).toBeUndefined();
  });
});
