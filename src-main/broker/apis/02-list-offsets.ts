/**
 * ListOffsets (2), versions 0-7: earliest, latest, max-timestamp and timestamp lookups. With
 * read_committed (v2+ isolation level 1) latest is the last stable offset and lookups find nothing at
 * or past it, as in Kafka. Unlike Kafka: earliest-local (-4) is the earliest offset and latest-tiered
 * (-5) finds nothing (nothing is tiered), and the leader epoch is always 0.
 */
import { ErrorCode, type DecodedRequest } from '../../kafka-protocol/index.js';
import { ListOffsets } from '../../kafka-protocol/messages/02-list-offsets.js';
import type { PartitionLog } from '../log/index.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf } from './helpers.js';

type PartitionQuery = DecodedRequest<typeof ListOffsets>['topics'][number]['partitions'][number];

/** Special timestamps (KIP-734, KIP-1005). */
const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LATEST_TIERED = -5n;

const READ_COMMITTED = 1;
const NOT_FOUND = { offset: -1n, timestamp: -1n };

export function lookupOffset(
  log: PartitionLog,
  timestamp: bigint,
  isolationLevel = 0,
): { offset: bigint; timestamp: bigint } {
  // Kafka's lastFetchableOffset: nothing at or past it is visible to this reader.
  const fetchable = isolationLevel === READ_COMMITTED ? log.lastStableOffset : log.highWatermark;
  const visible = (r: { offset: bigint; timestamp: bigint } | null) => (r && r.offset < fetchable ? r : NOT_FOUND);
  switch (timestamp) {
    case LATEST:
      return { offset: fetchable, timestamp: -1n };
    case EARLIEST:
    case EARLIEST_LOCAL:
      return { offset: log.logStartOffset, timestamp: -1n };
    case MAX_TIMESTAMP:
      return visible(log.maxTimestampOffset());
    case LATEST_TIERED:
      return NOT_FOUND; // nothing is tiered here
    default:
      return visible(log.offsetForTimestamp(timestamp));
  }
}

function answer(ctx: BrokerContext, version: number, isolationLevel: number, topic: string, req: PartitionQuery) {
  const p = ctx.topics.partition(topic, req.partitionIndex);
  const base = {
    partitionIndex: req.partitionIndex,
    errorCode: ErrorCode.NONE as number,
    oldStyleOffsets: [] as bigint[],
    timestamp: -1n,
    offset: -1n,
    leaderEpoch: -1,
  };
  if (!p) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  try {
    const r = lookupOffset(p.log, req.timestamp, isolationLevel);
    // v0 answers with a list of offsets; one (the one asked for) is what clients use.
    if (version === 0) return { ...base, oldStyleOffsets: r.offset >= 0n && req.maxNumOffsets > 0 ? [r.offset] : [] };
    return { ...base, timestamp: r.timestamp, offset: r.offset, leaderEpoch: 0 };
  } catch (e) {
    return { ...base, errorCode: errorOf(ctx, e, `list offsets ${topic}-${req.partitionIndex}`).code };
  }
}

export const listOffsetsApi = brokerApi(ListOffsets, {
  versions: '0-7',
  handle: (ctx, body, header) => ({
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => answer(ctx, header.apiVersion, body.isolationLevel, t.name, p)),
    })),
  }),
});
