/**
 * OffsetFetch (9), versions 0-8 (v8 asks for several groups at once), answered by the group
 * coordinator. RequireStable (v7+) changes nothing: without transactions no offset is pending.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { OffsetFetch } from '../../kafka-protocol/messages/09-offset-fetch.js';
import { brokerApi } from './context.js';
import { errorOf } from './helpers.js';

export const offsetFetchApi = brokerApi(OffsetFetch, {
  versions: '0-8',
  async handle(ctx, body, header) {
    if (header.apiVersion >= 8) {
      const groups = [];
      for (const g of body.groups) {
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
    const r = await ctx.groups.fetchOffsets(body.groupId, body.topics);
    return { throttleTimeMs: 0, topics: r.topics, errorCode: r.errorCode ?? ErrorCode.NONE };
  },
});
