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
