/**
 * One exported record per line. JSONL: key, value and header values as UTF-8 text, or base64 with
 * an `…Encoding: "base64"` field when the bytes are not text, so a file round-trips byte for byte
 * (the produce form imports it back). CSV: the same columns for spreadsheets.
 */
import { isUtf8 } from 'node:buffer';
import type { ExportFormat } from '../../contract/messages.js';
import type { ReadRecord } from './read-record.js';

function text(b: Buffer | null): { value: string | null; base64: boolean } {
  if (b === null) return { value: null, base64: false };
  return isUtf8(b) ? { value: b.toString('utf8'), base64: false } : { value: b.toString('base64'), base64: true };
}

export function jsonLine(topic: string, r: ReadRecord): string {
  const key = text(r.key);
  const value = text(r.value);
  const headers = r.headers.map((h) => {
    const v = text(h.value);
    return v.base64 ? { key: h.key, value: v.value, valueEncoding: 'base64' } : { key: h.key, value: v.value };
  });
  // Offsets are int64: written as JSON numbers with every digit, never through a double.
  return (
    `{"topic":${JSON.stringify(topic)},"partition":${r.partition},"offset":${r.offset},"timestamp":${r.timestamp},` +
    `"key":${JSON.stringify(key.value)},${key.base64 ? '"keyEncoding":"base64",' : ''}` +
    `"value":${JSON.stringify(value.value)},${value.base64 ? '"valueEncoding":"base64",' : ''}` +
    `"headers":${JSON.stringify(headers)}}\n`
  );
}

export const CSV_HEADER = 'partition,offset,timestamp,key,value,headers,key_encoding,value_encoding\r\n';

function csvField(s: string | null): string {
  if (s === null) return '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(r: ReadRecord): string {
  const key = text(r.key);
  const value = text(r.value);
  const headers = r.headers.length === 0 ? '' : JSON.stringify(r.headers.map((h) => [h.key, text(h.value).value]));
  return (
    [
      String(r.partition),
      r.offset.toString(),
      new Date(r.timestamp).toISOString(),
      csvField(key.value),
      csvField(value.value),
      csvField(headers),
      key.value === null ? '' : key.base64 ? 'base64' : 'utf8',
      value.value === null ? '' : value.base64 ? 'base64' : 'utf8',
    ].join(',') + '\r\n'
  );
}

export function exportLine(format: ExportFormat, topic: string, r: ReadRecord): string {
  return format === 'jsonl' ? jsonLine(topic, r) : csvLine(r);
}
