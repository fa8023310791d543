/**
 * OffsetCommit (8), versions 0-8, handed to the group coordinator. v0 commits outside any group
 * generation ("simple" commits), as Kafka allows. Unlike Kafka: the retention time (v2-4) and the
 * commit timestamp (v1) of the request are ignored; offsets expire after the broker's retention.
 */
import { OffsetCommit } from '../../kafka-protocol/messages/08-offset-commit.js';
import { brokerApi } from './context.js';

export const offsetCommitApi = brokerApi(OffsetCommit, {
  versions: '0-8',
  async handle(ctx, body, header) {
    const r = await ctx.groups.commitOffsets({
      groupId: body.groupId,
      // v0 has no generation or member: a "simple" commit outside any group generation.
      generationId: header.apiVersion >= 1 ? body.generationId : -1,
      memberId: header.apiVersion >= 1 ? body.memberId : '',
      groupInstanceId: body.groupInstanceId,
      topics: body.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: p.committedLeaderEpoch,
          committedMetadata: p.committedMetadata,
        })),
      })),
    });
    return { throttleTimeMs: 0, topics: r.topics };
  },
});
