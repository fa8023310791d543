/**
 * Topic configuration keys the sandbox knows, with Kafka's names, types, defaults and the broker
 * config each one falls back to (its "synonym"). DescribeConfigs reports these; validation uses them.
 */

export type ConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';

/** DescribeConfigs `configType` wire values (KIP-569). */
export const CONFIG_TYPE_WIRE: Record<ConfigType, number> = {
  boolean: 1,
  string: 2,
  int: 3,
  short: 4,
  long: 5,
  double: 6,
  list: 7,
  class: 8,
  password: 9,
};

/** DescribeConfigs `configSource` wire values. */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export interface ConfigDef {
  name: string;
  type: ConfigType;
  /** Kafka's default, as DescribeConfigs shows it. */
  defaultValue: string;
  /** The broker-level config this topic config falls back to. */
  brokerSynonym?: string;
  /** Kafka lists no default synonym when the broker-level config has no default (log.retention.ms, log.roll.ms…). */
  noDefaultSynonym?: true;
  min?: number;
  max?: number;
  /** Allowed values (each element for lists). */
  oneOf?: readonly string[];
  doc: string;
}

const LONG_MAX = '9223372036854775807';

// A data table: one config per line reads better than one field per line.
// prettier-ignore
const defs: ConfigDef[] = [
  { name: 'cleanup.policy', type: 'list', defaultValue: 'delete', brokerSynonym: 'log.cleanup.policy', oneOf: ['delete', 'compact'], doc: 'Retention policy for old log segments: delete, compact, or both.' },
  { name: 'compression.gzip.level', type: 'int', defaultValue: '-1', brokerSynonym: 'compression.gzip.level', min: -1, max: 9, doc: 'Compression level for gzip when compression.type is gzip.' },
  { name: 'compression.lz4.level', type: 'int', defaultValue: '9', brokerSynonym: 'compression.lz4.level', min: 1, max: 17, doc: 'Compression level for lz4 when compression.type is lz4.' },
  { name: 'compression.type', type: 'string', defaultValue: 'producer', brokerSynonym: 'compression.type', oneOf: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'], doc: 'Final compression type for the topic; "producer" keeps the codec the producer used.' },
  { name: 'compression.zstd.level', type: 'int', defaultValue: '3', brokerSynonym: 'compression.zstd.level', min: -131072, max: 22, doc: 'Compression level for zstd when compression.type is zstd.' },
  { name: 'delete.retention.ms', type: 'long', defaultValue: '86400000', brokerSynonym: 'log.cleaner.delete.retention.ms', min: 0, doc: 'How long delete tombstones are kept for compacted topics.' },
  { name: 'file.delete.delay.ms', type: 'long', defaultValue: '60000', brokerSynonym: 'log.segment.delete.delay.ms', min: 0, doc: 'Time to wait before deleting a file from the filesystem.' },
  { name: 'flush.messages', type: 'long', defaultValue: LONG_MAX, brokerSynonym: 'log.flush.interval.messages', min: 1, doc: 'Number of messages between forced fsyncs.' },
  { name: 'flush.ms', type: 'long', defaultValue: LONG_MAX, brokerSynonym: 'log.flush.interval.ms', min: 0, noDefaultSynonym: true, doc: 'Time between forced fsyncs.' },
  { name: 'index.interval.bytes', type: 'int', defaultValue: '4096', brokerSynonym: 'log.index.interval.bytes', min: 0, doc: 'How often an offset index entry is added.' },
  { name: 'max.compaction.lag.ms', type: 'long', defaultValue: LONG_MAX, brokerSynonym: 'log.cleaner.max.compaction.lag.ms', min: 1, doc: 'Maximum time a message stays ineligible for compaction.' },
  { name: 'max.message.bytes', type: 'int', defaultValue: '1048588', brokerSynonym: 'message.max.bytes', min: 0, doc: 'Largest record batch size allowed.' },
  { name: 'message.timestamp.after.max.ms', type: 'long', defaultValue: '3600000', brokerSynonym: 'log.message.timestamp.after.max.ms', min: 0, doc: 'Allowed distance of a record timestamp into the future.' },
  { name: 'message.timestamp.before.max.ms', type: 'long', defaultValue: LONG_MAX, brokerSynonym: 'log.message.timestamp.before.max.ms', min: 0, doc: 'Allowed distance of a record timestamp into the past.' },
  { name: 'message.timestamp.type', type: 'string', defaultValue: 'CreateTime', brokerSynonym: 'log.message.timestamp.type', oneOf: ['CreateTime', 'LogAppendTime'], doc: 'Whether the timestamp is the producer create time or the log append time.' },
  { name: 'min.cleanable.dirty.ratio', type: 'double', defaultValue: '0.5', brokerSynonym: 'log.cleaner.min.cleanable.ratio', min: 0, max: 1, doc: 'Dirty ratio above which the log is compacted.' },
  { name: 'min.compaction.lag.ms', type: 'long', defaultValue: '0', brokerSynonym: 'log.cleaner.min.compaction.lag.ms', min: 0, doc: 'Minimum time a message stays uncompacted.' },
  { name: 'min.insync.replicas', type: 'int', defaultValue: '1', brokerSynonym: 'min.insync.replicas', min: 1, doc: 'Minimum in-sync replicas for acks=all writes.' },
  { name: 'preallocate', type: 'boolean', defaultValue: 'false', brokerSynonym: 'log.preallocate', doc: 'Preallocate segment files.' },
  { name: 'retention.bytes', type: 'long', defaultValue: '-1', brokerSynonym: 'log.retention.bytes', doc: 'Maximum size of a partition before old segments are deleted; -1 for no limit.' },
  { name: 'retention.ms', type: 'long', defaultValue: '604800000', brokerSynonym: 'log.retention.ms', min: -1, noDefaultSynonym: true, doc: 'Maximum age of a segment before it is deleted; -1 for no limit.' },
  { name: 'segment.bytes', type: 'int', defaultValue: '1073741824', brokerSynonym: 'log.segment.bytes', min: 14, doc: 'Segment file size.' },
  { name: 'segment.index.bytes', type: 'int', defaultValue: '10485760', brokerSynonym: 'log.index.size.max.bytes', min: 4, doc: 'Offset index size.' },
  { name: 'segment.jitter.ms', type: 'long', defaultValue: '0', brokerSynonym: 'log.roll.jitter.ms', min: 0, noDefaultSynonym: true, doc: 'Random jitter subtracted from segment.ms.' },
  { name: 'segment.ms', type: 'long', defaultValue: '604800000', brokerSynonym: 'log.roll.ms', min: 1, noDefaultSynonym: true, doc: 'Time after which a new segment is rolled.' },
  { name: 'unclean.leader.election.enable', type: 'boolean', defaultValue: 'false', brokerSynonym: 'unclean.leader.election.enable', doc: 'Allow out-of-sync replicas to become leader.' },
  { name: 'follower.replication.throttled.replicas', type: 'list', defaultValue: '', doc: 'Replicas throttled on the follower side.' },
  { name: 'leader.replication.throttled.replicas', type: 'list', defaultValue: '', doc: 'Replicas throttled on the leader side.' },
  { name: 'local.retention.bytes', type: 'long', defaultValue: '-2', brokerSynonym: 'log.local.retention.bytes', min: -2, doc: 'Local retention size with tiered storage.' },
  { name: 'local.retention.ms', type: 'long', defaultValue: '-2', brokerSynonym: 'log.local.retention.ms', min: -2, doc: 'Local retention time with tiered storage.' },
  { name: 'remote.log.copy.disable', type: 'boolean', defaultValue: 'false', doc: 'Stop copying segments to remote storage (tiered storage, not available in the sandbox).' },
  { name: 'remote.log.delete.on.disable', type: 'boolean', defaultValue: 'false', doc: 'Delete remote segments when tiered storage is disabled (not available in the sandbox).' },
  { name: 'remote.storage.enable', type: 'boolean', defaultValue: 'false', doc: 'Tiered storage (not available in the sandbox).' },
];

/** Kafka 4.1's topic configs, by name, in alphabetical order (the order DescribeConfigs lists them in). */
export const TOPIC_CONFIGS: ReadonlyMap<string, ConfigDef> = new Map(
  [...defs].sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => [d.name, d]),
);
