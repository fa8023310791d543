/**
 * One Fetch to one leader, encoded and decoded with the project's own codec (kafka-protocol) and
 * sent over the leader's kafkajs connection, which brings TLS, SASL and correlation. kafkajs's own
 * decoder materialises every record of every batch as strings and objects, and throws away the
 * other partitions' data when one reports an error; this reads record batches directly: control
 * batches and aborted transactions are skipped whole, positions move by batch (exact after
 * compaction), and each partition reports its own error.
 */
import type { Broker } from 'kafkajs';
import {
  ErrorCode,
  forEachBatchHeader,
  iterateRecords,
  lastOffsetOf,
  type BatchHeader,
  type KafkaRecord,
  type RequestBodyFor,
} from '../../kafka-protocol/index.js';
import { brokerMaxVersion, errorName, sendRequest } from '../wire/codec-request.js';
import type { FetchedPartition, FetchPartitionRequest, LeaderFetch } from './fetcher.js';
import { makeSpare, type Spare } from './spare.js';
import type { ReadRecord } from './read-record.js';

const FETCH = 1;
/** kafkajs's own maximum: sessionless and not flexible, served by Kafka 4.x and the sandbox. */
const MAX_VERSION = 11;
const MIN_VERSION = 4;
const READ_COMMITTED = 1;

/** A partition-level error, named like kafkajs names them (`type`), so errors/map-kafka-error words it. */
export class KafkaPartitionError extends Error {
  constructor(readonly type: string) {
    super(`The broker answered ${type}`);
    this.name = 'KafkaPartitionError';
  }
}

function fetchVersion(broker: Broker): number {
  // Before kafkajs asked the broker (no versions yet), kafkajs's own maximum.
  const max = brokerMaxVersion(broker, FETCH) ?? MAX_VERSION;
  const v = Math.min(MAX_VERSION, max);
  if (v < MIN_VERSION)
    throw new Error(`This broker reads records only with Fetch v${max}; Samsa needs v${MIN_VERSION} or later.`);
  return v;
}

/** Read committed, sessionless: what a person browsing a topic should see. */
function fetchBody(
  topic: string,
  parts: FetchPartitionRequest[],
  opts: { maxWaitMs: number; minBytes: number; maxBytes: number },
): RequestBodyFor<typeof FETCH> {
  return {
    replicaId: -1,
    maxWaitMs: opts.maxWaitMs,
    minBytes: opts.minBytes,
    maxBytes: opts.maxBytes,
    isolationLevel: READ_COMMITTED,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic,
        partitions: parts.map((p) => ({
          partition: p.partition,
          currentLeaderEpoch: -1,
          fetchOffset: p.offset,
          logStartOffset: -1n,
          partitionMaxBytes: p.maxBytes,
        })),
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  };
}

export const codecLeaderFetch: LeaderFetch = async (broker, topic, parts, opts) => {
  const version = fetchVersion(broker);
  const response = await sendRequest(broker, FETCH, version, fetchBody(topic, parts, opts), {
    requestTimeoutMs: opts.maxWaitMs + 30_000,
  });
  const asked = new Map(parts.map((p) => [p.partition, p]));
  const out: FetchedPartition[] = [];
  for (const t of response.responses) {
    for (const p of t.partitions) {
      const req = asked.get(p.partitionIndex);
      if (!req) continue;
      if (p.errorCode !== 0 && p.errorCode !== ErrorCode.OFFSET_OUT_OF_RANGE) {
        const name = errorName(p.errorCode);
        // Moved leaders are retried by the caller with fresh metadata; anything else is the answer.
        throw new KafkaPartitionError(name);
      }
      out.push(readPartition(req, p.errorCode, p, opts.keep));
    }
  }
  return out;
};

interface PartitionData {
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  abortedTransactions: readonly { producerId: bigint; firstOffset: bigint }[] | null;
  records: Buffer | null;
}

/**
 * decodeResponse reads the correlation id first; kafkajs has already taken it off. kafkajs hands
 * over a view whose 4 bytes before it are that id, so a wider view costs no copy of megabytes.
 */

/** The readable records of one partition's data in a Fetch response (exported for tests). */
export function readPartition(
  req: FetchPartitionRequest,
  errorCode: number,
  p: PartitionData,
  keep: ((r: ReadRecord) => boolean) | undefined,
): FetchedPartition {
  const records: ReadRecord[] = [];
  let seen = 0;
  let next = req.offset;
  let bytes = 0;
  let spare: Spare | undefined;
  const until = req.until;
  const later: { batch: Buffer; readable: boolean }[] = [];
  const data = p.records ?? Buffer.alloc(0);
  // Aborted transactions by producer, in offset order; one is active from its first offset to its marker.
  const upcoming = [...(p.abortedTransactions ?? [])].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1));
  const aborting = new Set<bigint>();
  const probe: ReadRecord = { partition: req.partition, offset: 0n, timestamp: 0, key: null, value: null, headers: [] };
  const toRecord = (r: KafkaRecord): ReadRecord => ({
    partition: req.partition,
    offset: r.offset,
    timestamp: Number(r.timestamp),
    key: r.key,
    value: r.value,
    headers: r.headers,
  });
  const decodeRange = (batch: Buffer, from: bigint, to: bigint): ReadRecord[] => {
    const got: ReadRecord[] = [];
    for (const r of iterateRecords(batch, { fromOffset: from })) {
      if (r.offset >= to) break;
      got.push(toRecord(r));
    }
    return got;
  };
  forEachBatchHeader(data, (h: BatchHeader, position: number) => {
    const last = lastOffsetOf(h);
    if (last < req.offset) return; // whole batches come back: this one is before us
    while (upcoming.length > 0 && upcoming[0]!.firstOffset <= last) aborting.add(upcoming.shift()!.producerId);
    if (last + 1n > next) next = last + 1n;
    const batch = data.subarray(position, position + h.batchLength + 12);
    if (h.isControl) {
      // A marker ends its producer's transaction: type 0 is ABORT, 1 COMMIT.
      for (const r of iterateRecords(batch))
        if (r.key && r.key.length >= 4 && r.key.readInt16BE(2) === 0) aborting.delete(h.producerId);
    }
    const readable = !h.isControl && !(h.isTransactional && aborting.has(h.producerId));
    if (req.keepEarlier && h.baseOffset < req.offset && spare === undefined) {
      // The first batch starts before the asked offset: its earlier records are decoded only if
      // someone reading backwards wants them (most pages do not), and only as many as they want.
      spare = makeSpare(h.baseOffset, req.offset, (from, to) => (readable ? decodeRange(batch, from, to) : []));
    }
    // Past what is being read: kept aside undecoded (a page may want a few of them).
    if (until !== undefined && last >= until) later.push({ batch, readable });
    if (!readable || (until !== undefined && h.baseOffset >= until)) return;
    for (const r of iterateRecords(batch, { fromOffset: req.offset })) {
      if (until !== undefined && r.offset >= until) break;
      seen++;
      bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
      if (!keep) {
        records.push(toRecord(r));
        continue;
      }
      // A scan keeps few records: test a reused probe, copy only what matches.
      probe.offset = r.offset;
      probe.timestamp = Number(r.timestamp);
      probe.key = r.key;
      probe.value = r.value;
      probe.headers = r.headers;
      if (keep(probe)) records.push(toRecord(r));
    }
  });
  const laterSpare: Spare | undefined =
    req.keepLater && until !== undefined && later.length > 0 && next > until
      ? makeSpare(until, next, (from, to) =>
          later.flatMap(({ batch, readable }) => (readable ? decodeRange(batch, from, to) : [])),
        )
      : undefined;
  return {
    partition: req.partition,
    errorCode,
    highWatermark: p.highWatermark,
    lastStableOffset: p.lastStableOffset,
    logStartOffset: p.logStartOffset,
    records,
    spare,
    later: laterSpare,
    next,
    bytes,
    seen,
  };
}
