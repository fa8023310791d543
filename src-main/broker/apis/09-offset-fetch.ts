/**
 * OffsetFetch (9), versions 0-9 (v8 asks for several groups at once; v9 names the consumer group
 * member asking, whose epoch is checked), answered by the group coordinator. With RequireStable
 * (v7+, KIP-447) a partition whose offset an open transaction is committing answers
 * UNSTABLE_OFFSET_COMMIT, so a read_committed consumer waits for the outcome.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { OffsetFetch } from '../../kafka-protocol/messages/09-offset-fetch.js';
import { hasPendingOffset } from '../txn/queries.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf } from './helpers.js';

type FetchedTopics = {
  name: string;
  partitions: { partitionIndex: number; committedOffset: bigint; errorCode: number }[];
}[];

/** RequireStable: partitions with a transactional offset still pending answer UNSTABLE_OFFSET_COMMIT. */
function markUnstable<T extends FetchedTopics>(
  ctx: BrokerContext,
  groupId: string,
  topics: T,
  requireStable: boolean,
): T {
  if (!requireStable) return topics;
  for (const t of topics)
    for (const p of t.partitions)
      if (hasPendingOffset(ctx.txns, groupId, t.name, p.partitionIndex)) {
        p.errorCode = ErrorCode.UNSTABLE_OFFSET_COMMIT;
        p.committedOffset = -1n;
      }
  return topics;
}

export const offsetFetchApi = brokerApi(OffsetFetch, {
  versions: '0-9',
  async handle(ctx, body, header) {
    if (header.apiVersion >= 8) {
      const groups = [];
      for (const g of body.groups) {
        try {
          const r = await ctx.groups.fetchOffsets(g.groupId, g.topics, {
            memberId: g.memberId,
            memberEpoch: g.memberEpoch,
          });
          const topics = markUnstable(ctx, g.groupId, r.topics, body.requireStable);
          groups.push({ groupId: g.groupId, topics, errorCode: r.errorCode });
        } catch (e) {
          groups.push({ groupId: g.groupId, topics: [], errorCode: errorOf(ctx, e, `offset fetch ${g.groupId}`).code });
        }
      }
      return { throttleTimeMs: 0, groups };
    }
    // v0-1 cannot ask for "all topics"; v2+ sends null for that.
    const r = await ctx.groups.fetchOffsets(body.groupId, body.topics);
    const topics = markUnstable(ctx, body.groupId, r.topics, body.requireStable);
    return { throttleTimeMs: 0, topics, errorCode: r.errorCode ?? ErrorCode.NONE };
  },
});
