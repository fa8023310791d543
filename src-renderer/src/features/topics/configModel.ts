/**
 * Config editing as data: pending changes over the described entries, what each row will show
 * after applying, and which rows a search and the "overrides only" switch keep.
 */
import type { ConfigChange, ConfigEntry, ConfigResource, ConfigSource } from '../../contract.js';

export type Pending = ReadonlyMap<string, ConfigChange>;

export const SOURCE_LABEL: Record<ConfigSource, string> = {
  topic: 'Topic override',
  broker: 'Broker (dynamic)',
  'cluster-default': 'Cluster default (dynamic)',
  static: 'Broker file (static)',
  default: 'Kafka default',
  logger: 'Logger',
  'client-metrics': 'Client metrics',
  group: 'Group',
  unknown: 'Unknown',
};

/** The level a person edits for this resource: a topic's overrides, or one broker's dynamic values. */
export const OWN_LEVEL: Record<ConfigResource['type'], ConfigSource> = { topic: 'topic', broker: 'broker' };

export function isOverride(e: ConfigEntry, resource: ConfigResource): boolean {
  return e.source === OWN_LEVEL[resource.type];
}

export function canEdit(e: ConfigEntry): boolean {
  return !e.readOnly;
}

/** Reset is offered where this resource sets the value itself; elsewhere there is nothing to remove. */
export function canReset(e: ConfigEntry, resource: ConfigResource): boolean {
  return !e.readOnly && isOverride(e, resource);
}

export function filterEntries(
  entries: readonly ConfigEntry[],
  opts: { query: string; overridesOnly: boolean; resource: ConfigResource; pending: Pending },
): ConfigEntry[] {
  const q = opts.query.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (q === '' || e.name.toLowerCase().includes(q)) &&
      (!opts.overridesOnly || e.source !== 'default' || opts.pending.has(e.name)),
  );
}

export interface DiffRow {
  name: string;
  before: { value: string | null; source: ConfigSource; sensitive: boolean };
  after: { value: string | null; source: ConfigSource | null; note: string };
  change: ConfigChange;
}

/** One row per pending change: the value in force now and what takes its place. */
export function diffRows(entries: readonly ConfigEntry[], pending: Pending, resource: ConfigResource): DiffRow[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const own = OWN_LEVEL[resource.type];
  return [...pending.values()].map((change) => {
    const e = byName.get(change.name);
    const before = e
      ? { value: e.value, source: e.source, sensitive: e.sensitive }
      : { value: null, source: 'default' as ConfigSource, sensitive: false };
    if (change.action === 'set') {
      return {
        name: change.name,
        before,
        after: { value: change.value, source: own, note: SOURCE_LABEL[own] },
        change,
      };
    }
    const fb = e?.fallback ?? null;
    return {
      name: change.name,
      before,
      after: fb
        ? {
            value: fb.value,
            source: fb.source,
            note: `${SOURCE_LABEL[fb.source]}${fb.name !== change.name ? ` (${fb.name})` : ''}`,
          }
        : { value: null, source: null, note: "the broker's or Kafka's default" },
      change,
    };
  });
}

/**
 * Adds or replaces a change. Setting an override to the value it already has drops the change; the
 * same value over a default is kept, because it pins the value at this level.
 */
export function withChange(
  pending: Pending,
  entry: ConfigEntry,
  change: ConfigChange | null,
  resource: ConfigResource,
): Map<string, ConfigChange> {
  const next = new Map(pending);
  const unchanged =
    change?.action === 'set' && !entry.sensitive && isOverride(entry, resource) && change.value === entry.value;
  if (change === null || unchanged) next.delete(entry.name);
  else next.set(entry.name, change);
  return next;
}
