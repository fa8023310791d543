/** DeleteTopics (apiKey 20): by name (v0-5 `topicNames`, v6 `topics[].name`) or by id (v6). */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Handler } from './context.js';
import { errorOf, ZERO_UUID } from './util.js';

interface DeleteTopicsRequest {
  topics?: Array<{ name: string | null; topicId: Buffer }>;
  topicNames?: string[];
  timeoutMs: number;
}

export const handleDeleteTopics: Handler = async (ctx, header, body: DeleteTopicsRequest) => {
  const wanted =
    header.apiVersion >= 6
      ? (body.topics ?? [])
      : (body.topicNames ?? []).map((name) => ({ name, topicId: ZERO_UUID }));
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
};
