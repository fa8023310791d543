import type { KafkaMessage } from '../../contract/messages.js';

/** Newest first: by timestamp, then offset (same-millisecond records), then partition for a stable order. */
export function compareNewestFirst(a: KafkaMessage, b: KafkaMessage): number {
  if (a.timestamp !== b.timestamp) return b.timestamp - a.timestamp;
  const ao = BigInt(a.offset);
  const bo = BigInt(b.offset);
  if (ao !== bo) return ao > bo ? -1 : 1;
  return a.partition - b.partition;
}

export function mergeNewestFirst(perPartition: KafkaMessage[][], limit: number): KafkaMessage[] {
  return perPartition.flat().sort(compareNewestFirst).slice(0, limit);
}
