/** Records given by the window (an imported JSONL file, in slices) or read from a topic again (re-send). */
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { partitionForKey } from '../../contract/key-partition.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { ProduceBatchResult, ProduceOptions } from '../../contract/produce.js';
import type { TopicMetadata } from '../cluster/metadata.js';
import { TopicFetcher } from '../messages/fetcher.js';
import type { ReadRecord } from '../messages/read-record.js';
import { selectionRanges, waves } from '../messages/selection.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import type { OutRecord } from './produce-codec.js';
import { sendMany, type Producers } from './send.js';

const SEND_RECORDS = 1000;
const READ_BUDGET_MS = 20_000;

/** Sends in slices; counts per partition as the brokers confirmed them (or from the keys, with idempotence). */
async function sendAll(
  producers: Producers,
  topic: TopicMetadata,
  records: OutRecord[],
  options: ProduceOptions,
): Promise<ProduceBatchResult> {
  const counts = new Map<number, number>();
  let known = true;
  for (let i = 0; i < records.length; i += SEND_RECORDS) {
    const slice = records.slice(i, i + SEND_RECORDS);
    const writes = await sendMany(producers, topic, slice, options);
    if (writes) for (const w of writes) counts.set(w.partition, (counts.get(w.partition) ?? 0) + w.count);
    else
      for (const r of slice) {
        const p = r.partition ?? (r.key !== null ? partitionForKey(r.key, topic.partitionMetadata.length) : null);
        if (p === null) known = false;
        else counts.set(p, (counts.get(p) ?? 0) + 1);
      }
  }
  return {
    sent: records.length,
    partitions: known
      ? [...counts].map(([partition, count]) => ({ partition, count })).sort((a, b) => a.partition - b.partition)
      : [],
  };
}

const bytes = (text: string | null, encoding: 'utf8' | 'base64') =>
  text === null ? null : Buffer.from(text, encoding);

export async function produceBatch(
  cluster: Cluster,
  producers: Producers,
  params: ValidParamsOf<'produce.batch'>,
  now: () => number = Date.now,
): Promise<ProduceBatchResult> {
  const topic = await requireTopic(cluster, params.topic);
  params.records.forEach((r, i) => {
    if (r.partition !== null) {
      try {
        requirePartition(topic, r.partition, 'partition');
      } catch (e) {
        throw new AppError('VALIDATION', `Record ${i + 1}: ${(e as Error).message}`, {
          field: `records.${i}.partition`,
        });
      }
    }
  });
  const stamp = now();
  return sendAll(
    producers,
    topic,
    params.records.map((r) => ({
      key: bytes(r.key, r.keyEncoding),
      value: bytes(r.value, r.valueEncoding),
      headers: r.headers.map((h) => ({ key: h.key, value: Buffer.from(h.value, 'utf8') })),
      partition: r.partition,
      timestamp: r.timestamp ?? stamp,
    })),
    params.options,
  );
}

/** Reads the chosen records of one topic and sends them again (to the same topic or another). */
export async function resend(
  cluster: Cluster,
  producers: Producers,
  params: ValidParamsOf<'produce.resend'>,
  now: () => number = Date.now,
): Promise<ProduceBatchResult> {
  const from = await requireTopic(cluster, params.fromTopic);
  const to = params.toTopic === params.fromTopic ? from : await requireTopic(cluster, params.toTopic);
  const wanted = new Map<number, Set<bigint>>();
  for (const r of params.records) {
    requirePartition(from, r.partition);
    if (params.partitioning === 'same') {
      try {
        requirePartition(to, r.partition, 'partitioning');
      } catch (e) {
        throw new AppError('VALIDATION', `${(e as Error).message} Choose "by key" to let the partitioner decide.`, {
          field: 'partitioning',
        });
      }
    }
    const set = wanted.get(r.partition) ?? new Set<bigint>();
    set.add(BigInt(r.offset));
    wanted.set(r.partition, set);
  }
  const ranges = selectionRanges(params.records);
  const found: ReadRecord[] = [];
  const fetcher = new TopicFetcher(cluster, from);
  const deadlineAt = Date.now() + READ_BUDGET_MS;
  for (const wave of waves(ranges)) {
    await fetcher.stream(wave, { deadlineAt }, (p, records) => {
      for (const r of records) if (wanted.get(p)?.has(r.offset)) found.push(r);
    });
  }
  if (found.length < params.records.length) {
    throw new AppError(
      'NOT_FOUND',
      `${params.records.length - found.length} of the ${params.records.length} selected records could not be read again (deleted by retention or compaction?). Nothing was sent.`,
    );
  }
  // Original order: by partition, then offset — the order they were written in each partition.
  found.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1));
  const stamp = now();
  return sendAll(
    producers,
    to,
    found.map((r) => ({
      key: r.key,
      value: r.value,
      headers: r.headers.filter((h): h is { key: string; value: Buffer } => h.value !== null),
      partition: params.partitioning === 'same' ? r.partition : null,
      timestamp: stamp,
    })),
    params.options,
  );
}
