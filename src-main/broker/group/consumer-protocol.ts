/**
 * Minimal reader of the consumer protocol's subscription (ConsumerProtocolSubscription). Only the
 * V0 prefix (version, topics[]) is read: every later version starts with it, which is how Kafka's
 * coordinator stays independent of future subscription versions.
 */

/** Topics of a consumer subscription, or null when the bytes do not follow the schema. */
export function parseSubscriptionTopics(metadata: Buffer): string[] | null {
  try {
    let pos = 0;
    const need = (n: number): void => {
      if (pos + n > metadata.length) throw new RangeError('truncated subscription');
    };
    need(2);
    const version = metadata.readInt16BE(pos);
    pos += 2;
    if (version < 0) return null;
    need(4);
    const count = metadata.readInt32BE(pos);
    pos += 4;
    if (count < 0) return null;
    const topics: string[] = [];
    for (let i = 0; i < count; i++) {
      need(2);
      const len = metadata.readInt16BE(pos);
      pos += 2;
      if (len < 0) return null;
      need(len);
      topics.push(metadata.toString('utf8', pos, pos + len));
      pos += len;
    }
    return topics;
  } catch {
    return null;
  }
}

/** Encodes a V0 subscription (used by tests and tools; clients build their own). */
export function encodeSubscription(topics: string[], userData: Buffer | null = null): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(6);
  head.writeInt16BE(0, 0);
  head.writeInt32BE(topics.length, 2);
  parts.push(head);
  for (const t of topics) {
    const s = Buffer.from(t, 'utf8');
    const l = Buffer.alloc(2);
    l.writeInt16BE(s.length, 0);
    parts.push(l, s);
  }
  const u = Buffer.alloc(4);
  u.writeInt32BE(userData ? userData.length : -1, 0);
  parts.push(u);
  if (userData) parts.push(userData);
  return Buffer.concat(parts);
}
