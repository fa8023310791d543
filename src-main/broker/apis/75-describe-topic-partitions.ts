/**
 * DescribeTopicPartitions (75), version 0: the topics asked for (all of them when none are named),
 * sorted by name, with their partitions, paged by ResponsePartitionLimit and a cursor as Kafka does
 * (the cursor's topic must be among those asked for, or every topic is answered INVALID_REQUEST). Never creates topics. Like Kafka without an
 * authorizer, every topic operation is reported as authorized; there is one replica per partition,
 * so the eligible leader replica lists are empty.
 */
import { ErrorCode, type EncodableResponse } from '../../kafka-protocol/index.js';
import { DescribeTopicPartitions } from '../../kafka-protocol/messages/75-describe-topic-partitions.js';
import { isInternalTopic } from '../topics/internal-topics.js';
import { brokerApi, type BrokerContext } from './context.js';
import { ZERO_UUID } from './helpers.js';

type Response = EncodableResponse<typeof DescribeTopicPartitions>;
type TopicEntry = Response['topics'][number];

/** max.request.partition.size.limit (Kafka's default): the most partitions one answer carries. */
const MAX_PARTITIONS_PER_RESPONSE = 2000;
/** READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS: what Kafka reports with no authorizer. */
const ALL_TOPIC_OPERATIONS = 3576;

function entry(ctx: BrokerContext, name: string, firstPartition: number, limit: number): TopicEntry {
  const topic = ctx.topics.get(name);
  if (!topic) {
    return {
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      name,
      topicId: ZERO_UUID,
      isInternal: false,
      partitions: [],
      topicAuthorizedOperations: ALL_TOPIC_OPERATIONS,
    };
  }
  return {
    errorCode: ErrorCode.NONE,
    name,
    topicId: topic.id,
    isInternal: isInternalTopic(name),
    partitions: topic.partitions.slice(firstPartition, firstPartition + limit).map((p) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex: p.index,
      leaderId: ctx.nodeId,
      leaderEpoch: 0,
      replicaNodes: [ctx.nodeId],
      isrNodes: [ctx.nodeId],
      eligibleLeaderReplicas: [],
      lastKnownElr: [],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: ALL_TOPIC_OPERATIONS,
  };
}

export const describeTopicPartitionsApi = brokerApi(DescribeTopicPartitions, {
  versions: '0',
  handle(ctx, body) {
    const asked = body.topics.length > 0 ? body.topics.map((t) => t.name) : [...ctx.topics.all()].map((t) => t.name);
    const names = [...new Set(asked)].sort();
    const cursor = body.cursor;
    if (cursor && !names.includes(cursor.topicName)) {
      // Kafka fails the whole request, which this response can only say per topic.
      const refused = names.map((name) => ({ ...entry(ctx, name, 0, 0), errorCode: ErrorCode.INVALID_REQUEST }));
      return { throttleTimeMs: 0, topics: refused.map((t) => ({ ...t, partitions: [] })), nextCursor: null };
    }
    let budget = Math.min(Math.max(body.responsePartitionLimit, 1), MAX_PARTITIONS_PER_RESPONSE);
    const topics: TopicEntry[] = [];
    let nextCursor: Response['nextCursor'] = null;
    for (const name of cursor ? names.filter((n) => n >= cursor.topicName) : names) {
      const first = cursor && name === cursor.topicName ? Math.max(cursor.partitionIndex, 0) : 0;
      const e = entry(ctx, name, first, budget);
      topics.push(e);
      const total = ctx.topics.get(name)?.partitions.length ?? 0;
      budget -= e.partitions.length;
      if (first + e.partitions.length < total) {
        nextCursor = { topicName: name, partitionIndex: first + e.partitions.length };
        break;
      }
      if (budget <= 0) {
        // The next topic starts the next page, as Kafka's cursor says.
        const next = names[names.indexOf(name) + 1];
        if (next !== undefined) nextCursor = { topicName: next, partitionIndex: 0 };
        break;
      }
    }
    return { throttleTimeMs: 0, topics, nextCursor };
  },
});
