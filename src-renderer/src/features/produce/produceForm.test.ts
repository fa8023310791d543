import { describe, expect, it } from 'vitest';
import { emptyProduceForm, jsonProblem, parsePartition, validateProduceForm } from './produceForm.js';

describe('produce form', () => {
  it('sends automatic partition and null key when left empty', () => {
    const v = validateProduceForm({ ...emptyProduceForm, value: 'hi' }, []);
    expect(v.params).toEqual({ partition: null, key: null, value: 'hi', valueFormat: 'text', headers: [] });
  });

  it('parses partitions against the topic', () => {
    expect(parsePartition(' 2 ', 3)).toBe(2);
    expect(parsePartition('3', 3)).toMatch(/0 to 2/);
    expect(parsePartition('1', 1)).toMatch(/use 0/);
    expect(parsePartition('-1')).toMatch(/whole number/);
    expect(parsePartition('1.5')).toMatch(/whole number/);
  });

  it('validates JSON only in JSON format', () => {
    expect(validateProduceForm({ ...emptyProduceForm, value: '{bad' }, []).params).not.toBeNull();
    const v = validateProduceForm({ ...emptyProduceForm, value: '{bad', format: 'json' }, []);
    expect(v.params).toBeNull();
    expect(v.errors.value).toMatch(/not valid JSON/);
    expect(jsonProblem('')).toMatch(/empty/);
    expect(jsonProblem('{"a":1}')).toBeNull();
  });

  it('carries header rows and their errors', () => {
    const ok = validateProduceForm({ ...emptyProduceForm, key: 'k' }, [{ id: 1, name: 'h', value: 'v' }]);
    expect(ok.params?.headers).toEqual([{ key: 'h', value: 'v' }]);
    expect(ok.params?.key).toBe('k');
    const bad = validateProduceForm(emptyProduceForm, [{ id: 4, name: '', value: 'v' }]);
    expect(bad.params).toBeNull();
    expect(bad.errors.headers.get(4)).toBe('Header name is required');
  });
});

describe('said before sending', () => {
  it('where a key lands, by murmur2', async () => {
    const { landingHint } = await import('./produceForm.js');
    expect(landingHint('', 'order-42', 6)).toMatch(/^This key goes to partition \d/);
    expect(landingHint('', '', 6)).toMatch(/^No key/);
    expect(landingHint('2', 'k', 6)).toBeNull();
  });

  it('sizes: the app limit, the topic limit', async () => {
    const { recordBytes, sizeProblem } = await import('./produceForm.js');
    expect(recordBytes('k', 'é', [{ key: 'h', value: 'v' }])).toBe(80 + 1 + 2 + 2);
    expect(sizeProblem(100, 20, 1_000_000, false)).toBeNull();
    expect(sizeProblem(2_000_000, 2_000_000, 1_048_588, false)).toEqual({
      level: 'warning',
      text: 'This record is about 1.9 MiB; the topic accepts at most 1 MiB (max.message.bytes). The broker will likely refuse it.',
    });
    expect(sizeProblem(9e6, 9 * 1024 * 1024, null, false)?.level).toBe('error');
  });

  it('text that looks like JSON but is not', async () => {
    const { looksLikeBrokenJson } = await import('./produceForm.js');
    expect(looksLikeBrokenJson('{bad')).toMatch(/not valid JSON/);
    expect(looksLikeBrokenJson('{"ok":1}')).toBeNull();
    expect(looksLikeBrokenJson('plain')).toBeNull();
  });
});
