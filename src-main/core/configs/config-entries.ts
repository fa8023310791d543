/**
 * DescribeConfigs answers turned into the contract's entries: sources by name, and for each entry
 * the value it falls back to when its own level is removed (the next synonym down).
 */
import type { ConfigEntry, ConfigSource, ConfigSynonym, ConfigValueType } from '../../contract/configs.js';

/** Kafka's DescribeConfigsResponse ConfigSource values. */
const SOURCES: Record<number, ConfigSource> = {
  0: 'unknown',
  1: 'topic',
  2: 'broker',
  3: 'cluster-default',
  4: 'static',
  5: 'default',
  6: 'logger',
  7: 'client-metrics',
  8: 'group',
};

/** KIP-569 ConfigType values (DescribeConfigs v3+); 0 means unknown. */
const TYPES: Record<number, ConfigValueType> = {
  1: 'boolean',
  2: 'string',
  3: 'int',
  4: 'short',
  5: 'long',
  6: 'double',
  7: 'list',
  8: 'class',
  9: 'password',
};

export const sourceOf = (n: number): ConfigSource => SOURCES[n] ?? 'unknown';
export const typeOf = (n: number | null | undefined): ConfigValueType | null => (n ? (TYPES[n] ?? null) : null);

export interface RawConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  source: number;
  sensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
  type?: number | null;
  documentation?: string | null;
}

export function toConfigEntry(raw: RawConfigEntry): ConfigEntry {
  const source = sourceOf(raw.source);
  const synonyms: ConfigSynonym[] = raw.synonyms.map((s) => ({
    name: s.name,
    value: s.value,
    source: sourceOf(s.source),
  }));
  // The synonym list starts with the level in force; the one after it is what a reset leaves.
  const own = synonyms.findIndex((s) => s.source === source);
  const fallback = own >= 0 ? (synonyms[own + 1] ?? null) : null;
  return {
    name: raw.name,
    value: raw.sensitive ? null : raw.value,
    source,
    readOnly: raw.readOnly,
    sensitive: raw.sensitive,
    fallback: fallback && raw.sensitive ? { ...fallback, value: null } : fallback,
    synonyms: raw.sensitive ? synonyms.map((s) => ({ ...s, value: null })) : synonyms,
    type: typeOf(raw.type),
    documentation: raw.documentation ?? null,
  };
}
