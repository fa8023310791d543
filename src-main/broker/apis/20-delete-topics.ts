/**
 * DeleteTopics (20), versions 0-6: by name (v0-5 TopicNames, v6 Topics[].Name) or by id (v6).
 * Deletion is immediate; fetches waiting on the topic are woken and the groups drop its offsets.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { DeleteTopics } from '../../kafka-protocol/messages/20-delete-topics.js';
import { brokerApi } from './context.js';
import { errorOf, ZERO_UUID } from './helpers.js';

export const deleteTopicsApi = brokerApi(DeleteTopics, {
  versions: '0-6',
  async handle(ctx, body, header) {
    const wanted = header.apiVersion >= 6 ? body.topics : body.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const responses = [];
    for (const w of wanted) {
      const topic = w.name ? ctx.topics.get(w.name) : ctx.topics.getById(w.topicId);
      if (!topic) {
        const code = w.name ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID;
        responses.push({
          name: w.name,
          topicId: w.topicId,
          errorCode: code,
          errorMessage: 'This server does not host this topic.',
        });
        continue;
      }
      try {
        await ctx.topics.delete(topic.name);
        ctx.log('info', `deleted topic ${topic.name}`);
        responses.push({ name: topic.name, topicId: topic.id, errorCode: ErrorCode.NONE, errorMessage: null });
      } catch (e) {
        const err = errorOf(ctx, e, `delete topic ${topic.name}`);
        responses.push({ name: topic.name, topicId: topic.id, errorCode: err.code, errorMessage: err.message });
      }
    }
    return { throttleTimeMs: 0, responses };
  },
});
