import { describe, expect, it } from 'vitest';
import { toConfigEntry } from './config-entries.js';

describe('toConfigEntry', () => {
  it('names sources and finds what a reset falls back to', () => {
    const e = toConfigEntry({
      name: 'retention.ms',
      value: '3600000',
      readOnly: false,
      source: 1,
      sensitive: false,
      synonyms: [
        { name: 'retention.ms', value: '3600000', source: 1 },
        { name: 'log.retention.ms', value: '86400000', source: 4 },
        { name: 'log.retention.hours', value: '168', source: 5 },
      ],
      type: 5,
      documentation: 'How long.',
    });
    expect(e).toMatchObject({
      source: 'topic',
      fallback: { name: 'log.retention.ms', value: '86400000', source: 'static' },
      type: 'long',
      documentation: 'How long.',
    });
  });

  it('has no fallback at the bottom of the list or without synonyms (Kafka omits some)', () => {
    const base = { name: 'x', value: '1', readOnly: false, sensitive: false };
    expect(toConfigEntry({ ...base, source: 5, synonyms: [{ name: 'x', value: '1', source: 5 }] }).fallback).toBeNull();
    expect(toConfigEntry({ ...base, source: 1, synonyms: [] }).fallback).toBeNull();
  });

  it('never carries a sensitive value', () => {
    const e = toConfigEntry({
      name: 'ssl.key.password',
      value: 'secret',
      readOnly: false,
      source: 2,
      sensitive: true,
      synonyms: [
        { name: 'ssl.key.password', value: 'secret', source: 2 },
        { name: 'ssl.key.password', value: 'other', source: 4 },
      ],
    });
    expect(JSON.stringify(e)).not.toContain('secret');
    expect(JSON.stringify(e)).not.toContain('other');
    expect(e).toMatchObject({
      value: null,
      sensitive: true,
      source: 'broker',
      fallback: { source: 'static', value: null },
    });
  });
});
