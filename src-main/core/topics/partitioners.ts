/**
 * Key → partition rules of the common producers, to tell which records a new partition count moves.
 * Java clients and kafkajs's DefaultPartitioner hash the key with murmur2; librdkafka (kcat,
 * confluent-kafka clients) defaults to CRC-32 of the key ("consistent_random").
 */
import { crc32 } from 'node:zlib';
import type { PartitionerName } from '../../contract/topics.js';

/** Kafka's Utils.murmur2 (32-bit MurmurHash2, seed 0x9747b28c), as a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  // Java's switch falls through from 3 to 1.
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) {
    h ^= data[whole]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

export function partitionFor(partitioner: PartitionerName, key: Uint8Array, partitions: number): number {
  if (partitioner === 'murmur2') return (murmur2(key) & 0x7fffffff) % partitions;
  return crc32(key) % partitions;
}

export const PARTITIONERS: readonly PartitionerName[] = ['murmur2', 'crc32'];
