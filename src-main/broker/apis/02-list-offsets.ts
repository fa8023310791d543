/**
 * ListOffsets (2), versions 0-7: earliest, latest, max-timestamp and timestamp lookups. Unlike Kafka:
 * the isolation level changes nothing (no transactions), earliest-local (-4) is the earliest offset
 * and latest-tiered (-5) finds nothing (nothing is tiered), and the leader epoch is always 0.
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

export function lookupOffset(log: PartitionLog, timestamp: bigint): { offset: bigint; timestamp: bigint } {
  switch (timestamp) {
    case LATEST:
      return { offset: log.highWatermark, timestamp: -1n };
    case EARLIEST:
    case EARLIEST_LOCAL:
      return { offset: log.logStartOffset, timestamp: -1n };
    case MAX_TIMESTAMP:
      return log.maxTimestampOffset() ?? { offset: -1n, timestamp: -1n };
    case LATEST_TIERED:
      return { offset: -1n, timestamp: -1n }; // nothing is tiered here
    default:
      return log.offsetForTimestamp(timestamp) ?? { offset: -1n, timestamp: -1n };
  }
}

function answer(ctx: BrokerContext, version: number, topic: string, req: PartitionQuery) {
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
    const r = lookupOffset(p.log, req.timestamp);
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
      partitions: t.partitions.map((p) => answer(ctx, header.apiVersion, t.name, p)),
    })),
  }),
});
