/**
 * Many records at once (templates, imports, re-sends) written with the project's own codec: one
 * record batch per partition built by kafka-protocol, one Produce request per leader, sent over the
 * leader's kafkajs connection (TLS, SASL and correlation come from kafkajs). kafkajs's producer
 * spends most of its time in its own encoder; this is several times faster. Idempotent sends still
 * go through kafkajs, which keeps the producer id and sequence numbers.
 */
import zlib from 'node:zlib';
import type { Broker, Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { partitionForKey } from '../../contract/key-partition.js';
import type { ProduceOptions } from '../../contract/produce.js';
import {
  ATTRIBUTES_OFFSET,
  COMPRESSION_MASK,
  CRC_OFFSET,
  Compression,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  RECORDS_OFFSET,
  RecordsWriter,
  buildBatch,
  compress,
  crc32c,
  writeBatchHeader,
} from '../../kafka-protocol/index.js';
import { brokerMaxVersion, errorName, sendRequest } from '../wire/codec-request.js';
import { fetchMetadata, type TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';
import { KafkaPartitionError } from '../messages/fetch-codec.js';
import { lz4Frame } from './lz4-frame.js';

export interface OutRecord {
  key: Buffer | null;
  /** A string is written as UTF-8 straight into the batch (a bulk send renders text). */
  value: Buffer | string | null;
  headers: { key: string; value: Buffer }[];
  /** null: by key (murmur2), or one partition per send for records without a key (sticky, as the Java client does). */
  partition: number | null;
  /** Milliseconds since epoch; left out, the record is stamped with the time of the send. */
  timestamp?: number;
}

export interface PartitionWrite {
  partition: number;
  count: number;
  baseOffset: bigint;
}

const PRODUCE = 0;
const MAX_VERSION = 7;
const MIN_VERSION = 3;
const TIMEOUT_MS = 10_000;
const MOVED = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION']);
const CODEC = {
  none: Compression.NONE,
  gzip: Compression.GZIP,
  snappy: Compression.SNAPPY,
  lz4: Compression.LZ4,
  zstd: Compression.ZSTD,
};

function compressRecords(type: number, plain: Buffer): Buffer {
  if (type === Compression.LZ4) return lz4Frame(plain);
  if (type === Compression.ZSTD) {
    if (typeof zlib.zstdCompressSync !== 'function') {
      throw new AppError(
        'VALIDATION',
        'zstd compression needs a newer runtime (Node 22.15 or later); choose another codec.',
        {
          field: 'options.compression',
        },
      );
    }
    return zlib.zstdCompressSync(plain);
  }
  return compress(type, plain);
}

/** A v2 batch of these records, compressed as asked (kafka-protocol builds it; lz4 and zstd as Kafka reads them). */
export function encodeBatch(records: OutRecord[], compression: number, now = Date.now()): Buffer {
  // Records without their own time share the batch's base timestamp: no per-record arithmetic, and
  // they go to the builder as they are (an OutRecord without a timestamp is a RecordInput).
  const stamped = records.some((r) => r.timestamp !== undefined);
  const plain = buildBatch({
    baseTimestamp: stamped ? undefined : BigInt(now),
    records: stamped
      ? records.map((r, i) => ({
          key: r.key,
          value: r.value,
          headers: r.headers,
          timestamp: r.timestamp === undefined ? undefined : BigInt(r.timestamp),
          offsetDelta: i,
        }))
      : (records as Omit<OutRecord, 'timestamp'>[]),
  });
  return compressBatch(plain, compression);
}

/** An uncompressed batch with its records section compressed (header and CRC rewritten). */
function compressBatch(plain: Buffer, compression: number): Buffer {
  if (compression === Compression.NONE) return plain;
  const body = compressRecords(compression, plain.subarray(RECORDS_OFFSET));
  const out = Buffer.allocUnsafe(RECORDS_OFFSET + body.length);
  plain.copy(out, 0, 0, RECORDS_OFFSET);
  body.copy(out, RECORDS_OFFSET);
  out.writeInt32BE(out.length - LOG_OVERHEAD, LENGTH_OFFSET);
  out.writeInt16BE((out.readInt16BE(ATTRIBUTES_OFFSET) & ~COMPRESSION_MASK) | compression, ATTRIBUTES_OFFSET);
  // The CRC covers everything from the attributes on.
  out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET), CRC_OFFSET);
  return out;
}

interface EncodedBatch {
  batch: Buffer;
  count: number;
}

/**
 * Records sorted into one growing batch per partition as they are made (a bulk send): each record
 * is written at once and let go, so thousands of them never live as objects together. Records
 * carry no timestamp of their own; the batch is stamped with the time it was started.
 */
export class PartitionBatches {
  private readonly writers = new Map<number, RecordsWriter>();
  private readonly now = Date.now();
  /** Records added so far. */
  records = 0;

  constructor(
    private readonly partitionCount: number,
    /** Where records without a key or partition go (one partition per send, as the Java client does). */
    private readonly noKey: number,
  ) {}

  add(r: Omit<OutRecord, 'timestamp'>): void {
    const p = r.partition ?? (r.key !== null ? partitionForKey(r.key, this.partitionCount) : this.noKey);
    let w = this.writers.get(p);
    if (!w) this.writers.set(p, (w = new RecordsWriter(RECORDS_OFFSET)));
    w.append(r.key, r.value, r.headers);
    this.records++;
  }

  /** The batches, compressed as asked; the builder is spent afterwards. */
  finish(compression: number): Map<number, EncodedBatch> {
    const out = new Map<number, EncodedBatch>();
    const now = BigInt(this.now);
    for (const [p, w] of this.writers) {
      const count = w.count;
      const plain = w.finish();
      writeBatchHeader(plain, {
        size: plain.length,
        count,
        lastOffsetDelta: count - 1,
        baseTimestamp: now,
        maxTimestamp: now,
      });
      out.set(p, { batch: compressBatch(plain, compression), count });
    }
    this.writers.clear();
    return out;
  }
}

const acks = (options: ProduceOptions) => (options.acks === 'all' ? -1 : Number(options.acks));

export class CodecProducer {
  private sticky = 0;

  constructor(private readonly cluster: Cluster) {}

  /** Sends the records (at most a few MiB: callers slice); resolves when the leaders confirmed (or at once for acks=0). */
  send(topic: TopicMetadata, records: OutRecord[], options: ProduceOptions): Promise<PartitionWrite[]> {
    const n = topic.partitionMetadata.length;
    const noKey = this.sticky++ % n;
    const byPartition = new Map<number, OutRecord[]>();
    for (const r of records) {
      const p = r.partition ?? (r.key !== null ? partitionForKey(r.key, n) : noKey);
      const list = byPartition.get(p) ?? [];
      list.push(r);
      byPartition.set(p, list);
    }
    const batches = new Map<number, EncodedBatch>();
    for (const [p, list] of byPartition)
      batches.set(p, { batch: encodeBatch(list, CODEC[options.compression]), count: list.length });
    // Encoded here, before anything waits: the records are not held while the leaders answer (a bulk
    // send keeps several sends in flight, and records kept that long cost the garbage collector dearly).
    return this.sendEncoded(topic, batches, acks(options));
  }

  /** A builder for one send to this topic; records without a key share one partition per send. */
  batches(topic: TopicMetadata): PartitionBatches {
    const n = topic.partitionMetadata.length;
    return new PartitionBatches(n, this.sticky++ % n);
  }

  /** Sends what `batches` built; resolves when the leaders confirmed (or at once for acks=0). */
  async sendBatches(topic: TopicMetadata, built: PartitionBatches, options: ProduceOptions): Promise<PartitionWrite[]> {
    return this.sendEncoded(topic, built.finish(CODEC[options.compression]), acks(options));
  }

  private async sendEncoded(
    topic: TopicMetadata,
    batches: Map<number, EncodedBatch>,
    acks: number,
  ): Promise<PartitionWrite[]> {
    let meta = topic;
    let todo = [...batches.keys()];
    const out: PartitionWrite[] = [];
    for (let attempt = 0; todo.length > 0; attempt++) {
      const moved: number[] = [];
      await Promise.all(
        [...partitionsByLeader(meta, todo)].map(async ([leader, parts]) => {
          const broker = await leaderBroker(this.cluster, leader);
          const results = await produceTo(
            broker,
            meta.topic,
            parts.map((p) => [p, batches.get(p)!.batch] as const),
            acks,
          );
          for (const r of results) {
            if (r.errorCode === 0)
              out.push({
                partition: r.partition,
                count: batches.get(r.partition)!.count,
                baseOffset: r.baseOffset,
              });
            else {
              const name = errorName(r.errorCode);
              // Not the leader: nothing was written, so asking the new leader cannot duplicate.
              if (MOVED.has(name) && attempt < 2) moved.push(r.partition);
              else throw new KafkaPartitionError(name);
            }
          }
        }),
      );
      todo = moved;
      if (moved.length > 0) {
        await this.cluster.refreshMetadata().catch(() => undefined);
        meta =
          (await fetchMetadata(this.cluster, [meta.topic])).topicMetadata.find((t) => t.topic === meta.topic) ?? meta;
      }
    }
    return out.sort((a, b) => a.partition - b.partition);
  }
}

async function produceTo(
  broker: Broker,
  topic: string,
  parts: (readonly [number, Buffer])[],
  acks: number,
): Promise<{ partition: number; errorCode: number; baseOffset: bigint }[]> {
  // Before kafkajs asked the broker (no versions yet), our own maximum.
  const max = brokerMaxVersion(broker, PRODUCE) ?? MAX_VERSION;
  const version = Math.min(MAX_VERSION, max);
  if (version < MIN_VERSION)
    throw new Error(`This broker takes records only with Produce v${max}; Samsa needs v${MIN_VERSION} or later.`);
  const response = await sendRequest(
    broker,
    PRODUCE,
    version,
    {
      transactionalId: null,
      acks,
      timeoutMs: TIMEOUT_MS,
      topicData: [{ name: topic, partitionData: parts.map(([index, records]) => ({ index, records })) }],
    },
    { requestTimeoutMs: TIMEOUT_MS + 5_000, expectResponse: acks !== 0 },
  );
  if (!response) return parts.map(([partition]) => ({ partition, errorCode: 0, baseOffset: -1n }));
  return response.responses.flatMap((t) =>
    t.partitionResponses.map((p) => ({ partition: p.index, errorCode: p.errorCode, baseOffset: p.baseOffset })),
  );
}
