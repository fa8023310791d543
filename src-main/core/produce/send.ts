import type { Cluster, IHeaders, Message, Producer, RecordMetadata } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import { DEFAULT_PRODUCE_OPTIONS, type ProduceOptions, type ProduceResult } from '../../contract/produce.js';
import { partitionForKey } from '../../contract/key-partition.js';
import type { TopicMetadata } from '../cluster/metadata.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import type { CodecProducer, OutRecord } from './produce-codec.js';
import { COMPRESSION } from './codecs.js';

const PRODUCE_TIMEOUT_MS = 10_000;

/** Repeated header names are allowed in Kafka; kafkajs takes them as arrays. */
export function toKafkaHeaders(headers: { key: string; value: string | Buffer }[]): IHeaders {
  const out: IHeaders = {};
  for (const { key, value } of headers) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** The contract schema already checks this; repeated here so the core is safe when called directly. */
export function checkJsonValue(params: Pick<ValidParamsOf<'produce.send'>, 'value' | 'valueFormat'>): void {
  if (params.valueFormat !== 'json' || params.value === null) return;
  try {
    JSON.parse(params.value);
  } catch (e) {
    throw new AppError('VALIDATION', `Value is not valid JSON: ${(e as Error).message}`, { field: 'value' });
  }
}

/** Which producer sends with these options: idempotence needs its own (a producer id, one request in flight). */
export interface Producers {
  plain(): Promise<Producer>;
  idempotent(): Promise<Producer>;
  /** Many records at once without idempotence: the project's codec, several times faster than kafkajs's. */
  codec(): Promise<CodecProducer>;
}

/**
 * Many records: through the codec producer, or kafkajs's idempotent producer when idempotence is
 * asked for. Resolves when the brokers confirmed (at once with acks=0).
 */
export async function sendMany(
  producers: Producers,
  topic: TopicMetadata,
  records: OutRecord[],
  options: ProduceOptions,
): Promise<{ partition: number; count: number }[] | null> {
  if (!options.idempotent) return (await producers.codec()).send(topic, records, options);
  // kafkajs does not say how many records went where; keyed ones are known from the key.
  await sendRecords(
    producers,
    topic.topic,
    records.map((r) => ({
      key: r.key,
      value: r.value,
      headers: toKafkaHeaders(r.headers),
      partition: r.partition ?? undefined,
      timestamp: r.timestamp === undefined ? undefined : String(r.timestamp),
    })),
    options,
  );
  return null;
}

/** Sends records with the chosen acks and compression; acks=0 answers nothing, so offsets are unknown ("-1"). */
export async function sendRecords(
  producers: Producers,
  topic: string,
  messages: Message[],
  options: ProduceOptions = DEFAULT_PRODUCE_OPTIONS,
): Promise<RecordMetadata[]> {
  const p = options.idempotent ? await producers.idempotent() : await producers.plain();
  return p.send({
    topic,
    acks: options.acks === 'all' ? -1 : Number(options.acks),
    timeout: PRODUCE_TIMEOUT_MS,
    compression: COMPRESSION[options.compression],
    messages,
  });
}

export async function produceOne(
  cluster: Cluster,
  producers: Producers,
  params: ValidParamsOf<'produce.send'>,
  now: () => number = Date.now,
): Promise<ProduceResult> {
  checkJsonValue(params);
  // Checked first so a missing topic is reported, never auto-created by the broker.
  const topic = await requireTopic(cluster, params.topic);
  if (params.partition !== null) requirePartition(topic, params.partition, 'partition');
  const options = params.options ?? DEFAULT_PRODUCE_OPTIONS;
  const timestamp = now();
  const [meta] = await sendRecords(
    producers,
    params.topic,
    [
      {
        key: params.key,
        value: params.value,
        headers: toKafkaHeaders(params.headers),
        partition: params.partition ?? undefined,
        timestamp: String(timestamp),
      },
    ],
    options,
  );
  if (!meta || options.acks === '0') {
    // acks=0: the broker answers nothing; the partition is known only when chosen or keyed.
    if (options.acks === '0') {
      const n = topic.partitionMetadata.length;
      const partition = params.partition ?? (params.key !== null ? partitionForKey(params.key, n) : -1);
      return { topic: params.topic, partition, offset: '-1', timestamp };
    }
    throw new AppError('KAFKA_ERROR', 'The broker did not confirm the write.');
  }
  const logAppend = meta.logAppendTime !== undefined && meta.logAppendTime !== '-1' ? Number(meta.logAppendTime) : null;
  return {
    topic: params.topic,
    partition: meta.partition,
    offset: String(meta.baseOffset ?? meta.offset ?? '-1'),
    // Topics with message.timestamp.type=LogAppendTime stamp records on the broker.
    timestamp: logAppend ?? timestamp,
  };
}
