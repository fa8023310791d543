import kafkajs, { type IHeaders, type Producer } from 'kafkajs';
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { ProduceResult } from '../../contract/produce.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';

const { CompressionTypes } = kafkajs;
const PRODUCE_TIMEOUT_MS = 10_000;

/** Repeated header names are allowed in Kafka; kafkajs takes them as arrays. */
export function toKafkaHeaders(headers: { key: string; value: string }[]): IHeaders {
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

export async function produceOne(
  cluster: Cluster,
  producer: () => Promise<Producer>,
  params: ValidParamsOf<'produce.send'>,
  now: () => number = Date.now,
): Promise<ProduceResult> {
  checkJsonValue(params);
  // Checked first so a missing topic is reported, never auto-created by the broker.
  const topic = await requireTopic(cluster, params.topic);
  if (params.partition !== null) requirePartition(topic, params.partition, 'partition');
  const timestamp = now();
  const p = await producer();
  const [meta] = await p.send({
    topic: params.topic,
    acks: -1,
    timeout: PRODUCE_TIMEOUT_MS,
    compression: CompressionTypes.None,
    messages: [
      {
        key: params.key,
        value: params.value,
        headers: toKafkaHeaders(params.headers),
        partition: params.partition ?? undefined,
        timestamp: String(timestamp),
      },
    ],
  });
  if (!meta) throw new AppError('KAFKA_ERROR', 'The broker did not confirm the write.');
  const logAppend = meta.logAppendTime !== undefined && meta.logAppendTime !== '-1' ? Number(meta.logAppendTime) : null;
  return {
    topic: params.topic,
    partition: meta.partition,
    offset: String(meta.baseOffset ?? meta.offset ?? '-1'),
    // Topics with message.timestamp.type=LogAppendTime stamp records on the broker.
    timestamp: logAppend ?? timestamp,
  };
}
