/**
 * Metadata (3), versions 0-12: the one-broker cluster, and topics by name or (v10+) by id. A topic
 * asked for by name is auto-created when the request allows it and the broker's auto-creation is
 * on, as Kafka does. Unlike Kafka: this broker leads every partition at epoch 0 with itself as the
 * only replica, and authorized operations are never computed.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { Metadata } from '../../kafka-protocol/messages/03-metadata.js';
import type { Topic } from '../topics/topic-manager.js';
import { topicNameProblem } from '../topics/topic-names.js';
import { brokerApi, type BrokerContext } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED, brokerNode, errorOf, ZERO_UUID } from './helpers.js';

export function topicMetadata(ctx: BrokerContext, t: Topic) {
  return {
    errorCode: ErrorCode.NONE as number,
    name: t.name as string | null,
    topicId: t.id,
    isInternal: false,
    partitions: t.partitions.map((p) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex: p.index,
      leaderId: ctx.nodeId,
      leaderEpoch: 0,
      replicaNodes: [ctx.nodeId],
      isrNodes: [ctx.nodeId],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

function missing(name: string | null, topicId: Buffer, errorCode: number): ReturnType<typeof topicMetadata> {
  return {
    errorCode,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

export const metadataApi = brokerApi(Metadata, {
  versions: '0-12',
  async handle(ctx, body, header) {
    // v0 used an empty list for "all topics"; v1+ uses null.
    const all = body.topics === null || (header.apiVersion === 0 && body.topics.length === 0);
    const allowAuto = body.allowAutoTopicCreation && ctx.autoCreateTopics;
    const topics = [];
    if (all) {
      for (const t of ctx.topics.all()) topics.push(topicMetadata(ctx, t));
    } else {
      for (const req of body.topics!) {
        if (req.name === null) {
          const byId = ctx.topics.getById(req.topicId);
          topics.push(byId ? topicMetadata(ctx, byId) : missing(null, req.topicId, ErrorCode.UNKNOWN_TOPIC_ID));
          continue;
        }
        const existing = ctx.topics.get(req.name);
        if (existing) {
          topics.push(topicMetadata(ctx, existing));
        } else if (topicNameProblem(req.name)) {
          topics.push(missing(req.name, ZERO_UUID, ErrorCode.INVALID_TOPIC_EXCEPTION));
        } else if (allowAuto) {
          try {
            topics.push(topicMetadata(ctx, await ctx.topics.getOrCreate(req.name)));
            ctx.log('info', `auto-created topic ${req.name}`);
          } catch (e) {
            topics.push(missing(req.name, ZERO_UUID, errorOf(ctx, e, 'auto-create').code));
          }
        } else {
          topics.push(missing(req.name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        }
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: [brokerNode(ctx)],
      clusterId: ctx.clusterId,
      controllerId: ctx.nodeId,
      topics,
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});
