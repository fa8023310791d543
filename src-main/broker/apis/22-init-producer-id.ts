/**
 * InitProducerId (22), versions 0-4, for idempotent producers: each call gets a fresh producer id at
 * epoch 0, as Kafka does without a transactional id. Unlike Kafka: a transactional id is refused
 * (TRANSACTIONAL_ID_AUTHORIZATION_FAILED), since the sandbox has no transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { InitProducerId } from '../../kafka-protocol/messages/22-init-producer-id.js';
import { brokerApi } from './context.js';

export const initProducerIdApi = brokerApi(InitProducerId, {
  versions: '0-4',
  handle(ctx, body) {
    if (body.transactionalId !== null) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
        producerId: -1n,
        producerEpoch: -1,
      };
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      producerId: ctx.meta.allocateProducerId(),
      producerEpoch: 0,
    };
  },
});
