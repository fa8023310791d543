/**
 * Reads an import file: one JSON object per line with key, value, headers, partition and timestamp
 * (Samsa's own export format, or anything close to it). Objects and arrays given as a value are
 * sent as their JSON text. A line that does not fit is named by its number.
 */
import type { ProduceRecord } from '../../contract.js';

export class ImportLineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

function text(v: unknown, what: string, line: number): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'object') return JSON.stringify(v);
  throw new ImportLineError(line, `${what} must be text, JSON or null`);
}

function encoding(v: unknown, what: string, line: number): 'utf8' | 'base64' {
  if (v === undefined || v === null || v === 'utf8') return 'utf8';
  if (v === 'base64') return 'base64';
  throw new ImportLineError(line, `${what} must be "base64" or left out`);
}

function headers(v: unknown, line: number): { key: string; value: string }[] {
  if (v === undefined || v === null) return [];
  const list: [unknown, unknown][] = Array.isArray(v)
    ? v.map((h: unknown) => {
        if (!h || typeof h !== 'object')
          throw new ImportLineError(line, 'headers must be [{"key": …, "value": …}] or {"name": "value"}');
        return [(h as { key?: unknown }).key, (h as { value?: unknown }).value];
      })
    : typeof v === 'object'
      ? Object.entries(v as Record<string, unknown>)
      : (() => {
          throw new ImportLineError(line, 'headers must be [{"key": …, "value": …}] or {"name": "value"}');
        })();
  return list.map(([k, val]) => {
    if (typeof k !== 'string' || k === '') throw new ImportLineError(line, 'every header needs a name');
    return { key: k, value: text(val, `header "${k}"`, line) ?? '' };
  });
}

/** One line of the file as a record to send; null for a blank line. */
export function parseImportLine(raw: string, line: number): ProduceRecord | null {
  const t = raw.trim();
  if (t === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(t);
  } catch (e) {
    throw new ImportLineError(line, `not valid JSON (${(e as Error).message})`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new ImportLineError(line, 'each line must be a JSON object like {"key": "k", "value": {…}}');
  }
  const o = obj as Record<string, unknown>;
  const partition = o.partition;
  if (partition !== undefined && partition !== null && !(Number.isInteger(partition) && (partition as number) >= 0)) {
    throw new ImportLineError(line, 'partition must be a whole number (or left out)');
  }
  let timestamp: number | null = null;
  if (typeof o.timestamp === 'number' && Number.isFinite(o.timestamp)) timestamp = Math.trunc(o.timestamp);
  else if (typeof o.timestamp === 'string') {
    const ms = Date.parse(o.timestamp);
    if (Number.isNaN(ms)) throw new ImportLineError(line, `timestamp "${o.timestamp}" is not a date-time`);
    timestamp = ms;
  }
  return {
    key: text(o.key, 'key', line),
    keyEncoding: encoding(o.keyEncoding, 'keyEncoding', line),
    value: text(o.value, 'value', line),
    valueEncoding: encoding(o.valueEncoding, 'valueEncoding', line),
    headers: headers(o.headers, line),
    partition: (partition as number | undefined) ?? null,
    timestamp,
  };
}

/** Lines of a File, read as a stream (a big file is never one string). */
export async function* fileLines(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += value;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) yield l;
  }
  if (rest !== '') yield rest;
}

/** Rough bytes a record takes in a call, to keep each call well under the frame limit. */
export function recordSize(r: ProduceRecord): number {
  let n = 64 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers ?? []) n += h.key.length + h.value.length + 16;
  return n;
}
