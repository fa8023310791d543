import { z } from 'zod';
import { method, subscription } from './define.js';
import { LIMITS, maxBytes } from './limits.js';
import { OffsetSchema, PartitionNumberSchema } from './messages.js';
import { parseTemplate } from './produce-template.js';
import { ClusterRefSchema, TopicNameSchema, TopicRefSchema } from './refs.js';

export const ValueFormatSchema = z.enum(['text', 'json']);
export type ValueFormat = z.infer<typeof ValueFormatSchema>;

export const PRODUCE_LIMITS = {
  bulkRecords: 1_000_000,
  batchRecords: 5_000,
  resendRecords: 10_000,
  ratePerSecond: 1_000_000,
  templateChars: 1024 * 1024,
  historyPerTopic: 20,
} as const;

/** Producer settings, named as Kafka names them. */
export const ProduceOptionsSchema = z
  .object({
    acks: z.enum(['all', '1', '0']).default('all'),
    compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('none'),
    idempotent: z.boolean().default(false),
  })
  .refine((o) => !o.idempotent || o.acks === 'all', {
    message: 'Idempotence needs acks=all (enable.idempotence requires every in-sync replica to confirm)',
    path: ['acks'],
  });
export type ProduceOptions = z.infer<typeof ProduceOptionsSchema>;
export const DEFAULT_PRODUCE_OPTIONS: ProduceOptions = { acks: 'all', compression: 'none', idempotent: false };
const DEFAULT_OPTIONS = DEFAULT_PRODUCE_OPTIONS;

export const ProduceHeaderSchema = z.object({
  key: z
    .string()
    .min(1, 'Header name is required')
    .max(LIMITS.produceHeaderNameChars, `Header names have at most ${LIMITS.produceHeaderNameChars} characters`),
  value: maxBytes('This header value', LIMITS.produceHeaderValueBytes),
});

const HeadersSchema = z
  .array(ProduceHeaderSchema)
  .max(LIMITS.produceHeaders, `At most ${LIMITS.produceHeaders} headers per record`)
  .default([]);

function jsonCheck(p: { value: string | null; valueFormat: ValueFormat }, ctx: z.RefinementCtx) {
  if (p.valueFormat !== 'json' || p.value === null) return;
  try {
    JSON.parse(p.value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `Value is not valid JSON: ${(e as Error).message}` });
  }
}

export const ProduceParamsSchema = TopicRefSchema.extend({
  /** null lets the producer's partitioner choose (by key hash, or spread when no key). */
  partition: PartitionNumberSchema.nullable().default(null),
  key: maxBytes('The key', LIMITS.produceKeyBytes).nullable().default(null),
  value: maxBytes('The value', LIMITS.produceValueBytes).nullable().default(null),
  valueFormat: ValueFormatSchema.default('text'),
  headers: HeadersSchema,
  /** Left out: acks=all, no compression, no idempotence (DEFAULT_PRODUCE_OPTIONS). */
  options: ProduceOptionsSchema.optional(),
}).superRefine(jsonCheck);
export type ProduceParams = z.input<typeof ProduceParamsSchema>;

export interface ProduceResult {
  topic: string;
  partition: number;
  /** "-1" with acks=0: the broker does not answer, so nobody knows the offset. */
  offset: string;
  timestamp: number;
}

const templateText = (what: string) =>
  z
    .string()
    .max(PRODUCE_LIMITS.templateChars, `The ${what} template has at most 1 MiB of text`)
    .superRefine((s, ctx) => {
      const p = parseTemplate(s);
      if (!p.ok) ctx.addIssue({ code: 'custom', message: `${p.message} (at character ${p.at + 1})` });
    });

/** N records from templates ({{seq}}, {{uuid}}, {{random.int(1,100)}}, …), at a rate or as fast as possible. */
export const BulkProduceParamsSchema = TopicRefSchema.extend({
  count: z
    .number()
    .int()
    .min(1)
    .max(
      PRODUCE_LIMITS.bulkRecords,
      `Send at most ${PRODUCE_LIMITS.bulkRecords.toLocaleString('en-US')} records at once`,
    ),
  partition: PartitionNumberSchema.nullable().default(null),
  key: templateText('key').nullable().default(null),
  value: templateText('value').nullable().default(null),
  valueFormat: ValueFormatSchema.default('text'),
  headers: z
    .array(z.object({ key: ProduceHeaderSchema.shape.key, value: templateText('header') }))
    .max(LIMITS.produceHeaders)
    .default([]),
  /** Records per second; null sends as fast as the cluster takes them. */
  ratePerSecond: z.number().int().min(1).max(PRODUCE_LIMITS.ratePerSecond).nullable().default(null),
  options: ProduceOptionsSchema.default(DEFAULT_OPTIONS),
});
export type BulkProduceParams = z.input<typeof BulkProduceParamsSchema>;

export interface BulkProgress {
  sent: number;
  total: number;
  elapsedMs: number;
  recordsPerSecond: number;
}

export type BulkProduceItem =
  | ({ kind: 'progress' } & BulkProgress)
  | ({ kind: 'done'; partitions: { partition: number; count: number }[] } & BulkProgress);

/** One record of an import (a JSONL line), as the window parsed it. */
export const ProduceRecordSchema = z.object({
  partition: PartitionNumberSchema.nullable().default(null),
  key: maxBytes('The key', LIMITS.produceKeyBytes).nullable().default(null),
  /** base64 lets binary keys and values (exported by Samsa) come back byte for byte. */
  keyEncoding: z.enum(['utf8', 'base64']).default('utf8'),
  value: maxBytes('The value', LIMITS.produceValueBytes).nullable().default(null),
  valueEncoding: z.enum(['utf8', 'base64']).default('utf8'),
  headers: HeadersSchema,
  /** Milliseconds since epoch; null stamps the send time. */
  timestamp: z.number().int().min(0).max(8.64e15).nullable().default(null),
});
export type ProduceRecord = z.input<typeof ProduceRecordSchema>;

export const ProduceBatchParamsSchema = TopicRefSchema.extend({
  records: z
    .array(ProduceRecordSchema)
    .min(1)
    .max(PRODUCE_LIMITS.batchRecords, `Send at most ${PRODUCE_LIMITS.batchRecords} records per call`),
  options: ProduceOptionsSchema.default(DEFAULT_OPTIONS),
  /** For the recent-sends list: where these records came from (a file name). */
  source: z.string().max(300).nullable().default(null),
});
export type ProduceBatchParams = z.input<typeof ProduceBatchParamsSchema>;

export interface ProduceBatchResult {
  sent: number;
  partitions: { partition: number; count: number }[];
}

/** Re-sends records read from a topic (the same or another) with their keys, values and headers. */
export const ResendParamsSchema = ClusterRefSchema.extend({
  fromTopic: TopicNameSchema,
  records: z
    .array(z.object({ partition: PartitionNumberSchema, offset: OffsetSchema }))
    .min(1, 'Select at least one record')
    .max(PRODUCE_LIMITS.resendRecords, `Re-send at most ${PRODUCE_LIMITS.resendRecords} records at once`),
  toTopic: TopicNameSchema,
  /** 'same': the partition each record came from; 'key': the partitioner decides (by key). */
  partitioning: z.enum(['same', 'key']).default('key'),
  options: ProduceOptionsSchema.default(DEFAULT_OPTIONS),
});
export type ResendParams = z.input<typeof ResendParamsSchema>;

export interface ProduceContext {
  partitions: number;
  /** The topic's max.message.bytes (or the broker default); null when the cluster would not say. */
  maxMessageBytes: number | null;
  /** A guess from the topic's recent values; null when the topic is empty or mixed. */
  suggestedFormat: ValueFormat | null;
}

export type RecentSend =
  | {
      kind: 'single';
      at: number;
      partition: number;
      offset: string;
      key: string | null;
      /** Up to 64 KiB, so the form can be filled from it again; longer values are cut (`valueCut`). */
      value: string | null;
      valueCut: boolean;
      valueFormat: ValueFormat;
      headers: { key: string; value: string }[];
    }
  | { kind: 'bulk' | 'import' | 'resend'; at: number; count: number; detail: string };

export const produceMethods = {
  'produce.send': method(ProduceParamsSchema).returns<ProduceResult>(),
  'produce.batch': method(ProduceBatchParamsSchema).returns<ProduceBatchResult>(),
  'produce.resend': method(ResendParamsSchema).returns<ProduceBatchResult>(),
  'produce.context': method(TopicRefSchema).returns<ProduceContext>(),
  'produce.history': method(TopicRefSchema).returns<RecentSend[]>(),
};

export const produceSubscriptions = {
  'produce.bulk': subscription(BulkProduceParamsSchema).emits<BulkProduceItem>(),
};
