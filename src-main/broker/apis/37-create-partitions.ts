/**
 * CreatePartitions (37), versions 0-3: grows a topic; the new partitions start empty. Unlike Kafka:
 * manual assignments must give each new partition this broker alone (there is one broker).
 */
import { ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { CreatePartitions } from '../../kafka-protocol/messages/37-create-partitions.js';
import { brokerApi } from './context.js';
import { errorOf } from './helpers.js';

export const createPartitionsApi = brokerApi(CreatePartitions, {
  versions: '0-3',
  async handle(ctx, body) {
    const results = [];
    for (const t of body.topics) {
      try {
        const topic = ctx.topics.validateAddPartitions(t.name, t.count);
        if (t.assignments) {
          const added = t.count - topic.partitions.length;
          if (t.assignments.length !== added) {
            throw new KafkaProtocolError(
              ErrorCode.INVALID_REPLICA_ASSIGNMENT,
              `Increasing the number of partitions by ${added} but ${t.assignments.length} assignments provided.`,
            );
          }
          if (t.assignments.some((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.nodeId)) {
            throw new KafkaProtocolError(
              ErrorCode.INVALID_REPLICA_ASSIGNMENT,
              `Each new partition must be assigned to broker ${ctx.nodeId}: the sandbox has one broker.`,
            );
          }
        }
        if (!body.validateOnly) {
          await ctx.topics.addPartitions(t.name, t.count);
          ctx.log('info', `topic ${t.name} now has ${t.count} partitions`);
        }
        results.push({ name: t.name, errorCode: ErrorCode.NONE, errorMessage: null });
      } catch (e) {
        const err = errorOf(ctx, e, `create partitions for ${t.name}`);
        results.push({ name: t.name, errorCode: err.code, errorMessage: err.message });
      }
    }
    return { throttleTimeMs: 0, results };
  },
});
