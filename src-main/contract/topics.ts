import { z } from 'zod';
import { method } from './define.js';
import { ClusterRefSchema, TopicRefSchema } from './refs.js';

/** Offsets are int64 on the wire: they travel as decimal strings to keep every digit. */
export type OffsetString = string;

export interface TopicSummary {
  name: string;
  partitionCount: number;
  replicationFactor: number;
  internal: boolean;
  /** Partitions with fewer in-sync replicas than replicas. */
  underReplicatedPartitions: number;
  /** Partitions without a leader: nobody can write to or read from them. */
  offlinePartitions: number;
}

export interface PartitionInfo {
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  lowWatermark: OffsetString;
  highWatermark: OffsetString;
}

export interface TopicDetail {
  name: string;
  internal: boolean;
  partitions: PartitionInfo[];
  /** Sum over partitions of (high - low): how many records can be read now. */
  messageCount: OffsetString;
}

/** Figures that cost a request per broker, loaded after the list so the list never waits for them. */
export interface TopicStats {
  name: string;
  /** Sum over partitions of (high - low); null when a partition's offsets could not be read. */
  messageCount: OffsetString | null;
  /** Bytes on disk over all replicas; null when the cluster does not report it. */
  sizeBytes: number | null;
  /**
   * Partitions with fewer in-sync replicas than the topic's min.insync.replicas (acks=all writes
   * fail there); null when min.insync.replicas could not be read.
   */
  underMinIsrPartitions: number | null;
}

export interface TopicStatsResult {
  topics: TopicStats[];
  /** Why sizes are missing (the cluster cannot answer DescribeLogDirs, or is not allowed to); null when present. */
  sizeUnavailable: string | null;
  /** When these figures were read (ms since epoch). */
  readAt: number;
}

// ---- Topic names (Kafka's rules) -------------------------------------------------------------

export const TOPIC_NAME_MAX = 249;
const TOPIC_NAME_CHARS = /^[a-zA-Z0-9._-]+$/;

/** The reason Kafka would refuse this name, or null when it is legal. */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a name.';
  if (name === '.' || name === '..') return 'A topic cannot be named "." or "..".';
  if (name.length > TOPIC_NAME_MAX)
    return `Topic names have at most ${TOPIC_NAME_MAX} characters (this one has ${name.length}).`;
  if (!TOPIC_NAME_CHARS.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9._-]/.test(c)))]
      .slice(0, 5)
      .map((c) => (c === ' ' ? 'space' : `"${c}"`));
    return `Only letters a–z and A–Z, digits, ".", "_" and "-" are allowed (not ${bad.join(', ')}).`;
  }
  return null;
}

/** Kafka refuses a name that equals an existing one once "." and "_" are treated alike (their metric names clash). */
export function collidingTopic(name: string, existing: Iterable<string>): string | null {
  const key = name.replaceAll('.', '_');
  for (const other of existing) if (other !== name && other.replaceAll('.', '_') === key) return other;
  return null;
}

export const NewTopicNameSchema = z.string().superRefine((name, ctx) => {
  const problem = topicNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// ---- Topic configs given at creation ------------------------------------------------------------

export const CONFIG_NAME_MAX = 255;
export const CONFIG_VALUE_MAX_CHARS = 64 * 1024;
export const CONFIG_ENTRIES_MAX = 200;

export const ConfigNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a config name')
  .max(CONFIG_NAME_MAX, `Config names have at most ${CONFIG_NAME_MAX} characters`)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Config names use letters, digits, ".", "_" and "-" only');

export const ConfigValueSchema = z
  .string()
  .max(CONFIG_VALUE_MAX_CHARS, `Config values have at most ${CONFIG_VALUE_MAX_CHARS / 1024} KiB`);

const ConfigListSchema = z
  .array(z.object({ name: ConfigNameSchema, value: ConfigValueSchema }))
  .max(CONFIG_ENTRIES_MAX, `At most ${CONFIG_ENTRIES_MAX} configs at once`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${c.name} is given twice` });
      seen.add(c.name);
    });
  });

/** Samsa's own bound on one request: far above what people create by hand, far below what would hurt a cluster. */
export const PARTITIONS_MAX = 10_000;
export const REPLICATION_FACTOR_MAX = 32;

export const CreateTopicParamsSchema = ClusterRefSchema.extend({
  name: NewTopicNameSchema,
  /** null: the cluster's default (num.partitions). */
  partitions: z
    .number()
    .int('Partitions must be a whole number')
    .min(1, 'A topic needs at least 1 partition')
    .max(PARTITIONS_MAX, `Samsa creates at most ${PARTITIONS_MAX.toLocaleString('en-US')} partitions at once`)
    .nullable()
    .default(null),
  /** null: the cluster's default (default.replication.factor). */
  replicationFactor: z
    .number()
    .int('Replication factor must be a whole number')
    .min(1, 'Replication factor is at least 1')
    .max(REPLICATION_FACTOR_MAX, `Replication factor is at most ${REPLICATION_FACTOR_MAX}`)
    .nullable()
    .default(null),
  configs: ConfigListSchema.default([]),
  /** Ask the broker to check everything without creating the topic. */
  validateOnly: z.boolean().default(false),
});
export type CreateTopicParams = z.input<typeof CreateTopicParamsSchema>;

export interface CreateTopicResult {
  name: string;
  /** What the broker will use (or used); null when the broker did not say (older brokers). */
  partitions: number | null;
  replicationFactor: number | null;
  validateOnly: boolean;
}

export const DeleteTopicParamsSchema = TopicRefSchema.extend({
  /** The topic's name typed by the person: a second check that they mean this topic. */
  confirmName: z.string().max(300),
}).refine((p) => p.confirmName === p.topic, {
  path: ['confirmName'],
  message: "Type the topic's name exactly to confirm",
});

export const AddPartitionsParamsSchema = TopicRefSchema.extend({
  /** The new total number of partitions (Kafka never removes partitions). */
  totalCount: z
    .number()
    .int('Partitions must be a whole number')
    .min(2, 'A topic has at least 1 partition; enter the new total')
    .max(PARTITIONS_MAX, `Samsa grows a topic to at most ${PARTITIONS_MAX.toLocaleString('en-US')} partitions`),
  validateOnly: z.boolean().default(false),
});

export const KeyMovePreviewParamsSchema = TopicRefSchema.extend({
  totalCount: AddPartitionsParamsSchema.shape.totalCount,
  /** How many of the newest records to look at. */
  sample: z.number().int().min(1).max(5_000).default(1_000),
});

export type PartitionerName = 'murmur2' | 'crc32';

export interface KeyMovePreview {
  currentCount: number;
  totalCount: number;
  /** Records read (newest first, spread over partitions). */
  sampledRecords: number;
  keyedRecords: number;
  distinctKeys: number;
  /** Distinct keys whose partition changes with the new count. */
  movingKeys: number;
  /** Sampled keyed records whose key would now go to another partition. */
  movingRecords: number;
  /**
   * The partitioner that explains where the sampled keys are now: murmur2 (Java clients, kafkajs)
   * or crc32 (librdkafka's default). null when neither does (custom partitioner or explicit partitions).
   */
  partitioner: PartitionerName | null;
  /** Of the keyed records, how many sit where `partitioner` would put them. */
  matchingRecords: number;
  /** A few moving keys, as text when printable, else hex. */
  examples: { key: string; from: number; to: number }[];
}

export const PurgeParamsSchema = TopicRefSchema.extend({
  /** Per partition: delete every record before `before`; null means up to the high watermark (all of it). */
  partitions: z
    .array(
      z.object({
        partition: z.number().int().min(0),
        before: z
          .string()
          .regex(/^\d{1,19}$/, 'Offsets are whole numbers')
          .nullable(),
      }),
    )
    .min(1, 'Choose at least one partition')
    .max(PARTITIONS_MAX, `At most ${PARTITIONS_MAX} partitions at once`),
});
export type PurgeParams = z.input<typeof PurgeParamsSchema>;

export interface PurgeResult {
  partitions: { partition: number; lowWatermark: OffsetString; deleted: OffsetString }[];
  /** Records (offsets) removed over all partitions. */
  deleted: OffsetString;
}

export const topicsMethods = {
  'topics.list': method(ClusterRefSchema).returns<TopicSummary[]>(),
  'topics.get': method(TopicRefSchema).returns<TopicDetail>(),
  /** Messages and size per topic; slower than the list, so asked for separately. */
  'topics.stats': method(ClusterRefSchema).returns<TopicStatsResult>(),
  'topics.create': method(CreateTopicParamsSchema).returns<CreateTopicResult>(),
  'topics.delete': method(DeleteTopicParamsSchema).returns<{ deleted: string }>(),
  'topics.addPartitions': method(AddPartitionsParamsSchema).returns<{ topic: string; partitionCount: number }>(),
  /** How many recent keys would land on another partition after growing the topic. */
  'topics.keyMovePreview': method(KeyMovePreviewParamsSchema).returns<KeyMovePreview>(),
  /** DeleteRecords: moves each partition's start offset forward. */
  'topics.purge': method(PurgeParamsSchema).returns<PurgeResult>(),
};
