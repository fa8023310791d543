import type { ProduceParams, ValueFormat } from '../../contract.js';
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
