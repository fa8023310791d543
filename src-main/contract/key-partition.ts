/**
 * Where a keyed record lands: murmur2 of the key bytes, made positive, modulo the partition count.
 * That is the Java client's default partitioner (and kafkajs's DefaultPartitioner, which Samsa
 * produces with), so the produce form can say where a key goes before anything is sent.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2), on 32-bit integers. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The Java switch falls through from 3 to 2 to 1; written out as conditions.
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) {
    h ^= data[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition the default partitioner picks for this key (UTF-8 text or raw bytes). */
export function partitionForKey(key: string | Uint8Array, partitionCount: number): number {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  return (murmur2(bytes) & 0x7fffffff) % partitionCount;
}
