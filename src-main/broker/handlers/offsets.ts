/** OffsetCommit (8), OffsetFetch (9, v8 batched by group) and OffsetDelete (47), delegated to the coordinator. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Handler } from './context.js';
import { errorOf } from './util.js';

type TopicsQuery = Array<{ name: string; partitionIndexes: number[] }> | null;

export const handleOffsetCommit: Handler = async (ctx, header, body) => {
  const r = await ctx.groups.commitOffsets({
    groupId: body.groupId,
    // v0 has no generation or member: a "simple" commit outside any group generation.
    generationId: header.apiVersion >= 1 ? body.generationId : -1,
    memberId: header.apiVersion >= 1 ? body.memberId : '',
    groupInstanceId: body.groupInstanceId ?? null,
    topics: body.topics.map(
      (t: {
        name: string;
        partitions: Array<{
          partitionIndex: number;
          committedOffset: bigint;
          committedLeaderEpoch?: number;
          committedMetadata: string | null;
        }>;
      }) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: p.committedLeaderEpoch ?? -1,
          committedMetadata: p.committedMetadata ?? null,
        })),
      }),
    ),
  });
  return { throttleTimeMs: 0, topics: r.topics };
};

export const handleOffsetFetch: Handler = async (ctx, header, body) => {
  if (header.apiVersion >= 8) {
    const groups = [];
    for (const g of body.groups as Array<{ groupId: string; topics: TopicsQuery }>) {
      try {
        const r = await ctx.groups.fetchOffsets(g.groupId, g.topics);
        groups.push({ groupId: g.groupId, topics: r.topics, errorCode: r.errorCode });
      } catch (e) {
        groups.push({ groupId: g.groupId, topics: [], errorCode: errorOf(ctx, e, `offset fetch ${g.groupId}`).code });
      }
    }
    return { throttleTimeMs: 0, groups };
  }
  // v0-1 cannot ask for "all topics"; v2+ sends null for that.
  const r = await ctx.groups.fetchOffsets(body.groupId, body.topics ?? null);
  return { throttleTimeMs: 0, topics: r.topics, errorCode: r.errorCode ?? ErrorCode.NONE };
};

export const handleOffsetDelete: Handler = async (ctx, _header, body) => {
  const topics = (body.topics as Array<{ name: string; partitions: Array<{ partitionIndex: number }> }>).map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => p.partitionIndex),
  }));
  const r = await ctx.groups.deleteOffsets(body.groupId, topics);
  return { throttleTimeMs: 0, errorCode: r.errorCode, topics: r.topics };
};
