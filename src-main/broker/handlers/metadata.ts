/** Metadata (apiKey 3): the one-broker cluster, and topics with auto-creation on request. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Topic } from '../topics/topic-manager.js';
import { topicNameProblem } from '../topics/topic-names.js';
import type { BrokerContext, Handler } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED, brokerNode, errorOf, ZERO_UUID } from './util.js';

interface MetadataRequest {
  topics: Array<{ topicId?: Buffer; name: string | null }> | null;
  allowAutoTopicCreation?: boolean;
}

export function topicMetadata(ctx: BrokerContext, t: Topic) {
  return {
    errorCode: ErrorCode.NONE,
    name: t.name,
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

function missing(name: string | null, topicId: Buffer, errorCode: number) {
  return {
    errorCode,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

export const handleMetadata: Handler = async (ctx, header, body: MetadataRequest) => {
  // v0 used an empty list for "all topics"; v1+ uses null.
  const all = body.topics === null || (header.apiVersion === 0 && body.topics.length === 0);
  const allowAuto = (body.allowAutoTopicCreation ?? true) && ctx.autoCreateTopics;
  const topics = [];
  if (all) {
    for (const t of ctx.topics.all()) topics.push(topicMetadata(ctx, t));
  } else {
    for (const req of body.topics!) {
      if (req.name === null || req.name === undefined) {
        const byId = req.topicId ? ctx.topics.getById(req.topicId) : undefined;
        topics.push(
          byId ? topicMetadata(ctx, byId) : missing(null, req.topicId ?? ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_ID),
        );
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
};
