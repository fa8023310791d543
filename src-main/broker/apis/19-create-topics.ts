/**
 * CreateTopics (19), versions 0-7. Names, partition counts and configs are validated as Kafka does,
 * and the answer (v5+) carries the topic's resolved configs. Unlike Kafka: there is one broker, so
 * the replication factor must be 1 (or -1 for the default) and manual assignments must name this
 * broker alone.
 */
import { ErrorCode, KafkaProtocolError, type DecodedRequest } from '../../kafka-protocol/index.js';
import { CreateTopics } from '../../kafka-protocol/messages/19-create-topics.js';
import { resolveAllTopicConfigs } from '../topics/topic-config.js';
import { brokerApi, type BrokerContext } from './context.js';
import { errorOf, ZERO_UUID } from './helpers.js';

type CreatableTopic = DecodedRequest<typeof CreateTopics>['topics'][number];

/** Checks what the topic manager does not: replication and manual assignments. Returns the partition count. */
function checkPlacement(ctx: BrokerContext, t: CreatableTopic): number {
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_REQUEST,
        'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
      );
    }
    const indexes = t.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
    indexes.forEach((idx, i) => {
      if (idx !== i)
        throw new KafkaProtocolError(
          ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          'Partitions should be a consecutive 0-based integer sequence',
        );
    });
    for (const a of t.assignments) {
      if (a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.nodeId) {
        throw new KafkaProtocolError(
          ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          `Replica assignment for partition ${a.partitionIndex} must be [${ctx.nodeId}]: the sandbox has one broker.`,
        );
      }
    }
    return t.assignments.length;
  }
  if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
    const rf = t.replicationFactor;
    throw new KafkaProtocolError(
      ErrorCode.INVALID_REPLICATION_FACTOR,
      rf < 1
        ? 'Replication factor must be larger than 0, or -1 to use the default value.'
        : `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only 1 broker(s) are registered.`,
    );
  }
  if (t.numPartitions === 0 || t.numPartitions < -1) {
    throw new KafkaProtocolError(
      ErrorCode.INVALID_PARTITIONS,
      'Number of partitions was set to an invalid non-positive value.',
    );
  }
  return t.numPartitions;
}

function configMap(t: CreatableTopic): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of t.configs) {
    if (c.value === null)
      throw new KafkaProtocolError(ErrorCode.INVALID_CONFIG, `Null value not supported for topic configs: ${c.name}`);
    out[c.name] = c.value;
  }
  return out;
}

async function createOne(ctx: BrokerContext, t: CreatableTopic, validateOnly: boolean) {
  const partitions = checkPlacement(ctx, t);
  const configs = configMap(t);
  const checked = ctx.topics.validateCreate(t.name, partitions, configs);
  let id = ZERO_UUID;
  if (!validateOnly) {
    id = (await ctx.topics.create(t.name, checked.partitions, checked.configs)).id;
    ctx.log('info', `created topic ${t.name} with ${checked.partitions} partition(s)`);
  }
  return {
    name: t.name,
    topicId: id,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    numPartitions: checked.partitions,
    replicationFactor: 1,
    configs: resolveAllTopicConfigs(checked.configs, ctx.topics.brokerConfigs).map((c) => ({
      name: c.def.name,
      value: c.value,
      readOnly: false,
      configSource: c.source,
      isSensitive: false,
    })),
  };
}

export const createTopicsApi = brokerApi(CreateTopics, {
  versions: '0-7',
  async handle(ctx, body) {
    const counts = new Map<string, number>();
    for (const t of body.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const topics = [];
    for (const t of body.topics) {
      if (counts.get(t.name)! > 1) {
        topics.push({
          name: t.name,
          topicId: ZERO_UUID,
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: 'Create topics request from client contains multiple entries for the topic',
          numPartitions: -1,
          replicationFactor: -1,
          configs: null,
        });
        continue;
      }
      try {
        topics.push(await createOne(ctx, t, body.validateOnly));
      } catch (e) {
        const err = errorOf(ctx, e, `create topic ${t.name}`);
        topics.push({
          name: t.name,
          topicId: ZERO_UUID,
          errorCode: err.code,
          errorMessage: err.message,
          numPartitions: -1,
          replicationFactor: -1,
          configs: null,
        });
      }
    }
    return { throttleTimeMs: 0, topics };
  },
});
