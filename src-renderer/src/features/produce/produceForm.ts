import {
  LIMITS,
  formatBytes,
  partitionForKey,
  utf8Length,
  type ProduceParams,
  type ValueFormat,
} from '../../contract.js';
import { headersFromRows, type HeaderRow } from '../../lib/headerRows.js';

export interface ProduceFormState {
  partition: string;
  key: string;
  value: string;
  format: ValueFormat;
}

export const emptyProduceForm: ProduceFormState = { partition: '', key: '', value: '', format: 'text' };

interface ProduceValidation {
  params: Omit<ProduceParams, 'clusterId' | 'topic'> | null;
  errors: { partition?: string; value?: string; headers: Map<number, string> };
}

/** Checks everything the broker would reject, so the person learns it before pressing Send. */
export function validateProduceForm(
  s: ProduceFormState,
  rows: readonly HeaderRow[],
  partitionCount?: number,
): ProduceValidation {
  const errors: ProduceValidation['errors'] = { headers: new Map() };
  const partition = parsePartition(s.partition, partitionCount);
  if (typeof partition === 'string') errors.partition = partition;
  const jsonError = s.format === 'json' ? jsonProblem(s.value) : null;
  if (jsonError) errors.value = jsonError;
  const headers = headersFromRows(rows);
  errors.headers = headers.errors;
  const ok = !errors.partition && !errors.value && headers.errors.size === 0;
  return {
    errors,
    params: ok
      ? {
          partition: partition as number | null,
          // An empty key box means "no key", so the partitioner spreads records.
          key: s.key === '' ? null : s.key,
          value: s.value,
          valueFormat: s.format,
          headers: headers.headers,
        }
      : null,
  };
}

/** null = automatic; number = chosen; string = what's wrong. */
export function parsePartition(text: string, partitionCount?: number): number | null | string {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return 'Partition must be a whole number, or empty for automatic';
  const n = Number(t);
  if (partitionCount !== undefined && n >= partitionCount) {
    return partitionCount === 1
      ? 'This topic has one partition: use 0'
      : `This topic has partitions 0 to ${partitionCount - 1}`;
  }
  return n;
}

export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return 'Value is empty, which is not valid JSON';
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return `Value is not valid JSON: ${(e as Error).message}`;
  }
}

/** Where a record will land, said before sending. */
export function landingHint(partition: string, key: string, partitionCount: number | undefined): string | null {
  if (partition.trim() !== '' || partitionCount === undefined) return null;
  if (key === '') return 'No key: the producer picks a partition (records without a key are spread).';
  const p = partitionForKey(key, partitionCount);
  return `This key goes to partition ${p} (murmur2 of the key, as the Java client and Samsa's producer choose).`;
}

/** Batch header and record framing, roughly: enough to warn before the broker refuses. */
const RECORD_OVERHEAD = 80;

export function recordBytes(key: string, value: string, headers: { key: string; value: string }[]): number {
  let n = RECORD_OVERHEAD + utf8Length(key) + utf8Length(value);
  for (const h of headers) n += utf8Length(h.key) + utf8Length(h.value);
  return n;
}

/**
 * Said before sending: a value Samsa will not send at all, or a record larger than the topic's
 * max.message.bytes (compression may still make it fit, so that one is a warning).
 */
export function sizeProblem(
  size: number,
  valueBytes: number,
  maxMessageBytes: number | null,
  compressed: boolean,
): { level: 'error' | 'warning'; text: string } | null {
  if (valueBytes > LIMITS.produceValueBytes) {
    return {
      level: 'error',
      text: `The value is ${formatBytes(valueBytes)}; Samsa sends at most ${formatBytes(LIMITS.produceValueBytes)}.`,
    };
  }
  if (maxMessageBytes !== null && size > maxMessageBytes) {
    return {
      level: 'warning',
      text: `This record is about ${formatBytes(size)}; the topic accepts at most ${formatBytes(maxMessageBytes)} (max.message.bytes)${compressed ? ', before compression' : ''}. The broker will likely refuse it.`,
    };
  }
  return null;
}

/** Text that looks like JSON (starts with { or [) but does not parse: worth a word before it is sent as text. */
export function looksLikeBrokenJson(text: string): string | null {
  const t = text.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  return jsonProblem(text);
}
