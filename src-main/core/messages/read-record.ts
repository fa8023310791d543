import type { Bytes, KafkaMessage, MessageHeader } from '../../contract/messages.js';
import { MESSAGE_LIMITS } from '../../contract/messages.js';

/** One readable record, decoded from a Fetch response (control and aborted records already removed). */
export interface ReadRecord {
  partition: number;
  offset: bigint;
  /** Milliseconds since epoch. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

export interface PreviewSizes {
  key: number;
  value: number;
  header: number;
  headers: number;
}

/** What list rows carry: the first bytes of each part and its real size. */
export const PREVIEW: PreviewSizes = {
  key: MESSAGE_LIMITS.previewKeyBytes,
  value: MESSAGE_LIMITS.previewValueBytes,
  header: MESSAGE_LIMITS.previewHeaderBytes,
  headers: MESSAGE_LIMITS.previewHeaders,
};

/** The detail pane's whole record (values up to the response cap). */
export const FULL: PreviewSizes = {
  key: MESSAGE_LIMITS.fullValueBytes,
  value: MESSAGE_LIMITS.fullValueBytes,
  header: MESSAGE_LIMITS.fullValueBytes,
  headers: Number.MAX_SAFE_INTEGER,
};

export function toBytes(buf: Buffer | null, max: number): Bytes | null {
  if (buf === null) return null;
  const truncated = buf.length > max;
  return { base64: (truncated ? buf.subarray(0, max) : buf).toString('base64'), size: buf.length, truncated };
}

export function toKafkaMessage(r: ReadRecord, sizes: PreviewSizes = PREVIEW): KafkaMessage {
  const headers: MessageHeader[] = [];
  for (const h of r.headers) {
    if (headers.length >= sizes.headers) break;
    headers.push({ key: h.key, value: toBytes(h.value, sizes.header) });
  }
  return {
    partition: r.partition,
    offset: r.offset.toString(),
    timestamp: r.timestamp,
    key: toBytes(r.key, sizes.key),
    value: toBytes(r.value, sizes.value),
    headers,
  };
}

/** Rough size of a record's data, for progress in bytes. */
export function recordBytes(r: ReadRecord): number {
  let n = (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers) n += h.key.length + (h.value?.length ?? 0);
  return n;
}
