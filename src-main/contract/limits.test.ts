import { describe, expect, it } from 'vitest';
import { LIMITS, utf8Length } from './limits.js';
import { ProduceParamsSchema } from './produce.js';

const base = { clusterId: 'c', topic: 't' };

describe('contract limits', () => {
  it('counts UTF-8 bytes like TextEncoder does', () => {
    for (const s of ['', 'abc', 'é', '€', '𝄞 music', 'mixed ü € 𝄞 a', '\ud800 lone surrogate']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it('refuses a produce value over the limit with its size in words, and accepts one at the limit', () => {
    const big = ProduceParamsSchema.safeParse({ ...base, value: 'x'.repeat(LIMITS.produceValueBytes + 1) });
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.path).toEqual(['value']);
    expect(big.error?.issues[0]?.message).toBe('The value is 8 MiB; Samsa sends at most 8 MiB.');
    expect(ProduceParamsSchema.safeParse({ ...base, value: 'x'.repeat(LIMITS.produceValueBytes) }).success).toBe(true);
    // Multi-byte characters count as bytes, not characters.
    const euros = '€'.repeat(Math.ceil(LIMITS.produceValueBytes / 3) + 1);
    expect(ProduceParamsSchema.safeParse({ ...base, value: euros }).success).toBe(false);
  });

  it('limits keys, header counts, names and values', () => {
    const cases = [
      { key: 'k'.repeat(LIMITS.produceKeyBytes + 1) },
      { headers: Array.from({ length: LIMITS.produceHeaders + 1 }, (_, i) => ({ key: `h${i}`, value: '' })) },
      { headers: [{ key: 'h'.repeat(LIMITS.produceHeaderNameChars + 1), value: '' }] },
      { headers: [{ key: 'h', value: 'v'.repeat(LIMITS.produceHeaderValueBytes + 1) }] },
    ];
    for (const c of cases) {
      const r = ProduceParamsSchema.safeParse({ ...base, ...c });
      expect(r.success, JSON.stringify(Object.keys(c))).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/at most/i);
    }
  });
});
