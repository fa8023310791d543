/**
 * ConsumerGroupHeartbeat (68), versions 0-1: the KIP-848 consumer group protocol, handed to the
 * group coordinator, which assigns partitions itself (the `uniform` and `range` assignors). v0
 * members get their member id from the coordinator; v1 members bring their own (KIP-1082) and may
 * subscribe with a regular expression that the coordinator matches against every topic, internal
 * ones included, as Kafka does. Unlike Kafka: a classic group that still has members cannot be
 * taken over by consumer-protocol members (Kafka 4.1 migrates it online); its id is refused with
 * GROUP_ID_NOT_FOUND, which is what Kafka answers when migration is off.
 */
import { ConsumerGroupHeartbeat } from '../../kafka-protocol/messages/68-consumer-group-heartbeat.js';
import { brokerApi } from './context.js';

export const consumerGroupHeartbeatApi = brokerApi(ConsumerGroupHeartbeat, {
  versions: '0-1',
  handle(ctx, body, header, client) {
    const r = ctx.groups.consumerGroupHeartbeat({
      groupId: body.groupId,
      memberId: body.memberId,
      memberEpoch: body.memberEpoch,
      instanceId: body.instanceId,
      rackId: body.rackId,
      rebalanceTimeoutMs: body.rebalanceTimeoutMs,
      subscribedTopicNames: body.subscribedTopicNames,
      subscribedTopicRegex: body.subscribedTopicRegex,
      serverAssignor: body.serverAssignor,
      topicPartitions: body.topicPartitions,
      clientId: client.clientId ?? '',
      clientHost: client.clientHost,
      apiVersion: header.apiVersion,
    });
    return { throttleTimeMs: 0, ...r };
  },
});
