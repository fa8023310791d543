import { describe, expect, it } from 'vitest';
import type { ConfigEntry } from '../../contract.js';
import { canReset, diffRows, filterEntries, withChange } from './configModel.js';

const entry = (name: string, patch: Partial<ConfigEntry> = {}): ConfigEntry => ({
  name,
  value: '1',
  source: 'default',
  readOnly: false,
  sensitive: false,
  fallback: null,
  synonyms: [],
  type: null,
  documentation: null,
  ...patch,
});
const topic = { type: 'topic' as const, name: 't' };
const retention = entry('retention.ms', {
  value: '3600000',
  source: 'topic',
  fallback: { name: 'log.retention.ms', value: '86400000', source: 'static' },
});
const entries = [retention, entry('cleanup.policy', { value: 'delete' }), entry('segment.bytes', { readOnly: true })];

describe('config editing model', () => {
  it('offers reset only where this resource sets the value', () => {
    expect(canReset(retention, topic)).toBe(true);
    expect(canReset(entries[1]!, topic)).toBe(false);
    expect(canReset({ ...retention, readOnly: true }, topic)).toBe(false);
    expect(canReset(entry('x', { source: 'broker' }), { type: 'broker', name: '1' })).toBe(true);
  });

  it('shows now → after for sets and for resets (with where the value falls back to)', () => {
    let pending = withChange(new Map(), retention, { action: 'reset', name: 'retention.ms' }, topic);
    pending = withChange(pending, entries[1]!, { action: 'set', name: 'cleanup.policy', value: 'compact' }, topic);
    expect(diffRows(entries, pending, topic)).toEqual([
      {
        name: 'retention.ms',
        before: { value: '3600000', source: 'topic', sensitive: false },
        after: { value: '86400000', source: 'static', note: 'Broker file (static) (log.retention.ms)' },
        change: { action: 'reset', name: 'retention.ms' },
      },
      {
        name: 'cleanup.policy',
        before: { value: 'delete', source: 'default', sensitive: false },
        after: { value: 'compact', source: 'topic', note: 'Topic override' },
        change: { action: 'set', name: 'cleanup.policy', value: 'compact' },
      },
    ]);
  });

  it('drops a change that sets an override to its own value, keeps one that pins a default', () => {
    expect(
      withChange(new Map(), retention, { action: 'set', name: 'retention.ms', value: '3600000' }, topic).size,
    ).toBe(0);
    expect(
      withChange(new Map(), entries[1]!, { action: 'set', name: 'cleanup.policy', value: 'delete' }, topic).size,
    ).toBe(1);
  });

  it('searches by name and keeps pending rows when only non-defaults are shown', () => {
    const pending = withChange(
      new Map(),
      entries[1]!,
      { action: 'set', name: 'cleanup.policy', value: 'compact' },
      topic,
    );
    expect(
      filterEntries(entries, { query: 'RETENTION', overridesOnly: false, resource: topic, pending: new Map() }).map(
        (e) => e.name,
      ),
    ).toEqual(['retention.ms']);
    expect(
      filterEntries(entries, { query: '', overridesOnly: true, resource: topic, pending }).map((e) => e.name),
    ).toEqual(['retention.ms', 'cleanup.policy']);
  });
});
