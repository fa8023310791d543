import type { Bytes, KafkaMessage } from '../../contract.js';
import { bytesOf, utf8 } from '../../lib/decode.js';

function textOrBase64(b: Bytes | null): { text: string | null; base64: boolean } {
  if (b === null) return { text: null, base64: false };
  const t = utf8(bytesOf(b), false);
  return t === null ? { text: b.base64, base64: true } : { text: t, base64: false };
}

/** A record as one JSON object, in the same shape as an exported JSONL line (Samsa imports either back). */
export function recordJson(topic: string, m: KafkaMessage): string {
  const key = textOrBase64(m.key);
  const value = textOrBase64(m.value);
  const out: Record<string, unknown> = {
    topic,
    partition: m.partition,
    offset: Number(m.offset),
    timestamp: m.timestamp,
    key: key.text,
  };
  if (key.base64) out.keyEncoding = 'base64';
  out.value = value.text;
  if (value.base64) out.valueEncoding = 'base64';
  out.headers = m.headers.map((h) => {
    const v = textOrBase64(h.value);
    return v.base64 ? { key: h.key, value: v.text, valueEncoding: 'base64' } : { key: h.key, value: v.text };
  });
  // Offsets beyond 2^53 keep every digit.
  return JSON.stringify(out, null, 2).replace(/"offset": \d+/, `"offset": ${m.offset}`);
}
