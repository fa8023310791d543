import type { Bytes, MessageHeader } from '../../contract/messages.js';

/** Values above this travel truncated; the UI shows the size and that it was cut. */
export const MAX_VALUE_BYTES = 1024 * 1024;

export function toBytes(buf: Buffer | null | undefined, max = MAX_VALUE_BYTES): Bytes | null {
  if (buf === null || buf === undefined) return null;
  const truncated = buf.length > max;
  return { base64: (truncated ? buf.subarray(0, max) : buf).toString('base64'), size: buf.length, truncated };
}

type RawHeaderValue = Buffer | string | null | undefined;

/** kafkajs folds repeated header keys into arrays; the contract keeps them as separate entries. */
export function toHeaders(headers: Record<string, RawHeaderValue | RawHeaderValue[]> | undefined): MessageHeader[] {
  if (!headers) return [];
  const out: MessageHeader[] = [];
  for (const [key, v] of Object.entries(headers)) {
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      const buf = one === null || one === undefined ? null : typeof one === 'string' ? Buffer.from(one) : one;
      out.push({ key, value: toBytes(buf) });
    }
  }
  return out;
}
