/**
 * One line per config that people actually change, in plain words. Other configs show the
 * documentation the broker sends (Kafka 2.6+), or nothing.
 */
import { describeDuration, describeSize } from './units.js';

export const CONFIG_HELP: Record<string, string> = {
  'cleanup.policy':
    'What happens to old records: "delete" drops them by age or size, "compact" keeps the latest record per key, both does both.',
  'retention.ms':
    'How long records are kept before they may be deleted (-1: forever). Applies with cleanup.policy delete.',
  'retention.bytes':
    'How large each partition may grow before its oldest segments are deleted (-1: no limit). Per partition, not per topic.',
  'min.insync.replicas':
    'With acks=all, a write succeeds only once this many replicas have it; fewer in-sync replicas and producers get NOT_ENOUGH_REPLICAS.',
  'segment.bytes':
    'Size of each log segment file. Retention and compaction work on whole closed segments, so smaller segments free space sooner.',
  'segment.ms': 'A segment is closed after this long even if not full, so retention and compaction can act on it.',
  'max.message.bytes':
    'Largest record batch the topic accepts (after compression). Consumers and replicas must be able to fetch this much.',
  'compression.type':
    'How the broker stores batches: "producer" keeps what the producer sent; a codec recompresses on the broker.',
  'delete.retention.ms':
    'How long a tombstone (a null value in a compacted topic) stays readable so consumers see the delete.',
  'min.compaction.lag.ms': 'Records younger than this are never compacted away.',
  'max.compaction.lag.ms': 'Records older than this are compacted even if the log is not dirty enough.',
  'min.cleanable.dirty.ratio': 'Compaction starts once this share of the log holds superseded records (0 to 1).',
  'message.timestamp.type': "CreateTime keeps the producer's timestamp; LogAppendTime stamps each record on arrival.",
  'unclean.leader.election.enable':
    'Let an out-of-sync replica become leader when no in-sync one is left: the partition comes back sooner but loses records.',
  'local.retention.ms': 'With tiered storage: how long records stay on local disk before only the remote copy remains.',
  'local.retention.bytes': 'With tiered storage: how much of each partition stays on local disk.',
  'remote.storage.enable': 'Move closed segments to tiered (remote) storage.',
  'message.timestamp.before.max.ms': 'Records with a timestamp further in the past than this are rejected.',
  'message.timestamp.after.max.ms': 'Records with a timestamp further in the future than this are rejected.',
  'flush.messages': 'Force an fsync after this many records (Kafka relies on replication instead by default).',
  'flush.ms': 'Force an fsync after this long (Kafka relies on replication instead by default).',
  preallocate: 'Create segment files at full size up front.',
  'index.interval.bytes': 'How often an offset index entry is written; smaller means faster seeks and a larger index.',
  'segment.index.bytes': "Maximum size of each segment's offset index file.",
  'segment.jitter.ms': 'Random time subtracted from segment.ms so many partitions do not roll at once.',
  'file.delete.delay.ms': 'How long a deleted segment file waits before it is removed from disk.',
  // Broker configs people look up
  'log.retention.hours': 'Default retention for topics without retention.ms.',
  'log.retention.ms': 'Default retention for topics without retention.ms (overrides log.retention.hours).',
  'log.segment.bytes': 'Default segment.bytes for topics without their own.',
  'num.partitions': 'Partitions of a topic created without a count (also auto-created topics).',
  'default.replication.factor': 'Replication factor of a topic created without one (also auto-created topics).',
  'auto.create.topics.enable': 'Create a topic when a client asks for one that does not exist.',
  'message.max.bytes': 'Default max.message.bytes for topics without their own.',
  'log.cleaner.threads': 'Threads that compact logs.',
};

export type ValueKind = 'duration' | 'size' | 'plain';

/** How to read a config's value: by Kafka's naming convention. */
export function valueKind(name: string): ValueKind {
  if (name.endsWith('.ms')) return 'duration';
  if (name.endsWith('.bytes') && !name.includes('ratio')) return 'size';
  return 'plain';
}

/** A human reading of the value ("7 days", "1 GiB"), or null when the raw value says it all. */
export function humanValue(name: string, value: string | null): string | null {
  if (value === null || !/^-?\d+$/.test(value.trim())) return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) return n > 0 ? 'no limit' : null;
  const kind = valueKind(name);
  if (kind === 'duration') return describeDuration(n);
  if (kind === 'size') return describeSize(n);
  return null;
}
