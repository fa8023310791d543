/** OffsetDelete (47), version 0, handed to the group coordinator. */
import { OffsetDelete } from '../../kafka-protocol/messages/47-offset-delete.js';
import { brokerApi } from './context.js';

export const offsetDeleteApi = brokerApi(OffsetDelete, {
  versions: '0',
  async handle(ctx, body) {
    const topics = body.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) }));
    const r = await ctx.groups.deleteOffsets(body.groupId, topics);
    return { throttleTimeMs: 0, errorCode: r.errorCode, topics: r.topics };
  },
});
