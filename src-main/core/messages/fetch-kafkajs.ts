/**
 * One Fetch to one leader through kafkajs's Broker, its records turned into ReadRecords. kafkajs
 * throws on the first partition error (dropping the other partitions' data), so an out-of-range
 * partition is marked and the rest fetched again.
 */
import type { Broker } from 'kafkajs';
import type { LeaderFetch, FetchedPartition, FetchPartitionRequest } from './fetcher.js';
import type { ReadRecord } from './read-record.js';
import { dropAborted, type AbortedTransaction, type RawRecord } from './records.js';

const READ_COMMITTED = 1;
const OFFSET_OUT_OF_RANGE = 1;

interface KafkajsPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  lastStableOffset?: string;
  lastStartOffset?: string;
  abortedTransactions?: AbortedTransaction[];
  messages?: RawRecord[];
}
interface KafkajsFetchResponse {
  responses: { topicName: string; partitions: KafkajsPartition[] }[];
}

export const kafkajsLeaderFetch: LeaderFetch = async (broker, topic, parts, opts) => {
  const out: FetchedPartition[] = [];
  let remaining = parts;
  // Each round either succeeds or removes one out-of-range partition, so this ends.
  while (remaining.length > 0) {
    try {
      out.push(...(await fetchOnce(broker, topic, remaining, opts)));
      return out;
    } catch (e) {
      const err = e as { name?: string; partition?: number };
      if (err.name !== 'KafkaJSOffsetOutOfRange' || err.partition === undefined) throw e;
      const bad = remaining.find((p) => p.partition === err.partition);
      if (!bad) throw e;
      out.push(outOfRange(bad));
      remaining = remaining.filter((p) => p !== bad);
    }
  }
  return out;
};

function outOfRange(p: FetchPartitionRequest): FetchedPartition {
  return {
    partition: p.partition,
    errorCode: OFFSET_OUT_OF_RANGE,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    records: [],
    first: p.offset,
    next: p.offset,
    bytes: 0,
  };
}

async function fetchOnce(
  broker: Broker,
  topic: string,
  parts: FetchPartitionRequest[],
  opts: { maxWaitMs: number; minBytes: number; maxBytes: number },
): Promise<FetchedPartition[]> {
  const response = (await broker.fetch({
    isolationLevel: READ_COMMITTED,
    maxWaitTime: opts.maxWaitMs,
    minBytes: opts.minBytes,
    maxBytes: opts.maxBytes,
    topics: [
      {
        topic,
        partitions: parts.map((p) => ({
          partition: p.partition,
          fetchOffset: p.offset.toString(),
          maxBytes: p.maxBytes,
        })),
      },
    ],
  })) as KafkajsFetchResponse;
  const asked = new Map(parts.map((p) => [p.partition, p]));
  const out: FetchedPartition[] = [];
  for (const t of response.responses) {
    for (const p of t.partitions) {
      const req = asked.get(p.partition);
      if (req === undefined) continue;
      const raw = p.messages ?? [];
      let next = req.offset;
      // Records of a batch before the requested offset all belong to the first batch, whose
      // transaction (if any) the broker's aborted list covers, so they can be kept when asked.
      const head = raw.length > 0 ? BigInt(raw[0]!.offset) : req.offset;
      const from = req.keepEarlier && head < req.offset ? head : req.offset;
      let bytes = 0;
      const records: ReadRecord[] = [];
      for (const r of raw) {
        const off = BigInt(r.offset);
        if (off >= next) next = off + 1n;
      }
      for (const r of dropAborted(raw, p.abortedTransactions)) {
        if (r.isControlRecord) continue;
        const offset = BigInt(r.offset);
        // Whole batches come back, so records before the requested offset appear too.
        if (offset < from) continue;
        const headers = flattenHeaders(r.headers);
        bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
        records.push({
          partition: p.partition,
          offset,
          timestamp: Number(r.timestamp),
          key: r.key ?? null,
          value: r.value ?? null,
          headers,
        });
      }
      out.push({
        partition: p.partition,
        errorCode: p.errorCode,
        highWatermark: BigInt(p.highWatermark),
        lastStableOffset: BigInt(p.lastStableOffset ?? '-1'),
        logStartOffset: BigInt(p.lastStartOffset ?? '-1'),
        records,
        first: from,
        next,
        bytes,
      });
    }
  }
  return out;
}

type RawHeaderValue = Buffer | string | null | undefined;

/** kafkajs folds repeated header names into arrays; a record keeps them as separate entries. */
function flattenHeaders(
  headers: Record<string, RawHeaderValue | RawHeaderValue[]> | undefined,
): { key: string; value: Buffer | null }[] {
  if (!headers) return [];
  const out: { key: string; value: Buffer | null }[] = [];
  for (const [key, v] of Object.entries(headers)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      out.push({
        key,
        value: one === null || one === undefined ? null : typeof one === 'string' ? Buffer.from(one) : one,
      });
    }
  }
  return out;
}
