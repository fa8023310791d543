import { z } from 'zod';

/**
 * Sizes and counts every input is checked against at the process boundary. Kafka's own default
 * for one record batch is about 1 MiB (message.max.bytes); clusters raise it, so the produce
 * limits leave room above that, and the broker still has the last word.
 */
export const LIMITS = {
  produceKeyBytes: 1024 * 1024,
  produceValueBytes: 8 * 1024 * 1024,
  produceHeaders: 100,
  produceHeaderNameChars: 1024,
  produceHeaderValueBytes: 1024 * 1024,
  /** A PEM file (CA bundle, client certificate, private key) chosen in the connection form. */
  pemBytes: 1024 * 1024,
  /** Saved connections: each change is announced to every window with the whole list. */
  savedConnections: 1000,
  /** Certificates (CA and client) of all saved connections together: they travel in every list. */
  savedCertificateBytes: 16 * 1024 * 1024,
  /** A client.properties or librdkafka config file imported into the connection form. */
  importFileBytes: 256 * 1024,
  /** A call frame larger than this is refused before it is sent (browser mode's WebSocket). */
  callFrameBytes: 32 * 1024 * 1024,
} as const;

/** UTF-8 size of a string without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/** A string of at most `max` UTF-8 bytes, with a message that says how large it is. */
export function maxBytes(what: string, max: number) {
  return z.string().superRefine((s, ctx) => {
    // Cheap bound first: a UTF-16 string never has fewer bytes than code units / 1 or more than ×3.
    if (s.length <= max / 3) return;
    const size = utf8Length(s);
    if (size > max) {
      ctx.addIssue({
        code: 'custom',
        message: `${what} is ${formatBytes(size)}; Samsa sends at most ${formatBytes(max)}.`,
      });
    }
  });
}
