/**
 * Test helper: one sequence of operations a Kafka user performs (create, produce keyed, consume in
 * a group, commit, reset, delete records, alter configs; a KIP-848 consumer group; the internal
 * offsets topic) run against any broker, returning what a client can observe, with what is
 * legitimately different between two brokers (ids, timestamps, host names, the brokers' own
 * settings) normalised away. differential.int.test.ts runs it against Apache Kafka 4.1 and the
 * sandbox and compares the two observations.
 */
import { Kafka, logLevel } from 'kafkajs';
import { ApiKey } from '../../kafka-protocol/index.js';
import { WireClient } from './wire-client.js';

export interface Names {
  topic: string;
  classicGroup: string;
  consumerGroup: string;
}

const RECORDS = 30;

/** Settings each broker is started with (ports, folders, test-only values): compared by name only. */
const ENVIRONMENT_CONFIGS = new Set([
  'advertised.listeners',
  'listeners',
  'log.dirs',
  'controller.listener.names',
  'controller.quorum.bootstrap.servers',
  'inter.broker.listener.name',
  'listener.security.protocol.map',
  'offsets.topic.num.partitions',
  'auto.create.topics.enable',
]);

export async function observe(bootstrap: string, n: Names): Promise<Record<string, unknown>> {
  const [host, port] = [
    bootstrap.slice(0, bootstrap.lastIndexOf(':')),
    Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1)),
  ];
  const kafka = new Kafka({ clientId: 'differential', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const wire = await WireClient.connect(host, port);
  const out: Record<string, unknown> = {};
  try {
    // Create, with an override.
    out.created = await admin.createTopics({
      topics: [{ topic: n.topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
    });
    const md = await admin.fetchTopicMetadata({ topics: [n.topic] });
    out.partitions = md.topics[0].partitions
      .map((p) => ({ id: p.partitionId, replicas: p.replicas.length }))
      .sort((a, b) => a.id - b.id);

    // Produce keyed records (kafkajs' default partitioner is Java's murmur2: same partitions on both).
    const producer = kafka.producer();
    await producer.connect();
    const sent = await producer.send({
      topic: n.topic,
      messages: Array.from({ length: RECORDS }, (_, i) => ({ key: `key-${i % 7}`, value: `value-${i}` })),
    });
    out.produced = sent
      .map((r) => ({ partition: r.partition, errorCode: r.errorCode, baseOffset: r.baseOffset }))
      .sort((a, b) => a.partition - b.partition);
    await producer.disconnect();

    // Consume in a classic group, committing as it goes.
    const consumer = kafka.consumer({ groupId: n.classicGroup });
    await consumer.connect();
    await consumer.subscribe({ topic: n.topic, fromBeginning: true });
    const seen: { partition: number; offset: string; key: string; value: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${seen.length} of ${RECORDS}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push({ partition, offset: message.offset, key: String(message.key), value: String(message.value) });
          if (seen.length === RECORDS) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    out.consumed = seen.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    out.committed = await committed(admin, n);

    // Reset: one partition to an offset, then everything to the earliest.
    await admin.setOffsets({ groupId: n.classicGroup, topic: n.topic, partitions: [{ partition: 0, offset: '2' }] });
    out.afterSetOffsets = await committed(admin, n);
    await admin.resetOffsets({ groupId: n.classicGroup, topic: n.topic, earliest: true });
    out.afterResetEarliest = await committed(admin, n);

    // Delete records before offset 3 of every partition that has that many.
    const ends = await admin.fetchTopicOffsets(n.topic);
    await admin.deleteTopicRecords({
      topic: n.topic,
      partitions: ends.filter((e) => Number(e.high) >= 3).map((e) => ({ partition: e.partition, offset: '3' })),
    });
    out.watermarks = (await admin.fetchTopicOffsets(n.topic))
      .map((o) => ({ partition: o.partition, low: o.low, high: o.high }))
      .sort((a, b) => a.partition - b.partition);

    // Alter a config, then every config of the topic as DescribeConfigs reports it.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: n.topic, configEntries: [{ name: 'retention.ms', value: '7200000' }] }],
    });
    out.topicConfigs = await describeConfigs(wire, 2, n.topic);
    const brokerConfigs = (await describeConfigs(wire, 4, '1')) as Record<string, { value: string | null }>;
    out.brokerConfigs = Object.fromEntries(
      Object.entries(brokerConfigs).map(([k, v]) => [k, ENVIRONMENT_CONFIGS.has(k) ? 'environment' : v]),
    );

    out.groups = await groupsView(wire, n);
    out.kip848 = await consumerGroupView(wire, n);
    out.internalTopic = await internalTopicView(wire, kafka, brokerConfigs);
    out.describeTopicPartitions = await describeTopicPartitions(wire, n);
  } finally {
    wire.close();
    await admin.disconnect();
  }
  return out;
}

async function committed(admin: ReturnType<Kafka['admin']>, n: Names) {
  const r = await admin.fetchOffsets({ groupId: n.classicGroup, topics: [n.topic] });
  return r[0].partitions
    .map((p) => ({ partition: p.partition, offset: p.offset }))
    .sort((a, b) => a.partition - b.partition);
}

async function describeConfigs(wire: WireClient, resourceType: number, resourceName: string) {
  const r = await wire.request(ApiKey.DescribeConfigs, 4, {
    resources: [{ resourceType, resourceName, configurationKeys: null }],
    includeSynonyms: true,
    includeDocumentation: false,
  });
  const res = r.results[0];
  return Object.fromEntries(
    [...res.configs]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((c) => [
        c.name,
        {
          value: c.value,
          source: c.configSource,
          readOnly: c.readOnly,
          sensitive: c.isSensitive,
          type: c.configType,
          synonyms: c.synonyms.map((s) => `${s.name}:${s.source}`),
        },
      ]),
  );
}

async function groupsView(wire: WireClient, n: Names) {
  const listed = await wire.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: [] });
  const described = await wire.request(ApiKey.DescribeGroups, 5, {
    groups: [n.classicGroup],
    includeAuthorizedOperations: false,
  });
  const g = described.groups[0];
  return {
    listed: listed.groups.filter((x) => x.groupId === n.classicGroup),
    described: { errorCode: g.errorCode, state: g.groupState, protocolType: g.protocolType, members: g.members.length },
    consumerDescribeOfClassic: (
      await wire.request(ApiKey.ConsumerGroupDescribe, 0, {
        groupIds: [n.classicGroup],
        includeAuthorizedOperations: false,
      })
    ).groups.map((x) => ({ errorCode: x.errorCode, errorMessage: x.errorMessage })),
  };
}

async function consumerGroupView(wire: WireClient, n: Names) {
  const md = await wire.request(ApiKey.Metadata, 12, {
    topics: [{ name: n.topic, topicId: Buffer.alloc(16) }],
    allowAutoTopicCreation: false,
  });
  const topicId = md.topics[0].topicId;
  const name = (id: Buffer) => (id.equals(topicId) ? n.topic : 'other');
  const hb = (memberEpoch: number, extra: Record<string, unknown> = {}) =>
    wire.request(ApiKey.ConsumerGroupHeartbeat, 1, {
      groupId: n.consumerGroup,
      memberId: 'differential-member-1',
      memberEpoch,
      rebalanceTimeoutMs: 30_000,
      subscribedTopicNames: [n.topic],
      topicPartitions: [],
      ...extra,
    });
  const join = await hb(0);
  const view = (r: typeof join) => ({
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    memberId: r.memberId,
    memberEpoch: r.memberEpoch,
    heartbeatIntervalMs: r.heartbeatIntervalMs,
    assignment:
      r.assignment?.topicPartitions.map((t) => ({ topic: name(t.topicId), partitions: [...t.partitions].sort() })) ??
      null,
  });
  const d = (
    await wire.request(ApiKey.ConsumerGroupDescribe, 1, {
      groupIds: [n.consumerGroup],
      includeAuthorizedOperations: false,
    })
  ).groups[0];
  const listed = (
    await wire.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['consumer'] })
  ).groups.filter((g) => g.groupId === n.consumerGroup);
  const classicDescribe = (
    await wire.request(ApiKey.DescribeGroups, 6, { groups: [n.consumerGroup], includeAuthorizedOperations: false })
  ).groups[0];
  const stale = await hb(0);
  const leave = await hb(-1, { topicPartitions: null, subscribedTopicNames: null, rebalanceTimeoutMs: -1 });
  const afterLeave = (
    await wire.request(ApiKey.ConsumerGroupDescribe, 1, {
      groupIds: [n.consumerGroup],
      includeAuthorizedOperations: false,
    })
  ).groups[0];
  return {
    join: view(join),
    described: {
      errorCode: d.errorCode,
      state: d.groupState,
      groupEpoch: d.groupEpoch,
      assignmentEpoch: d.assignmentEpoch,
      assignor: d.assignorName,
      members: d.members.map((m) => ({
        memberId: m.memberId,
        memberEpoch: m.memberEpoch,
        clientId: m.clientId,
        // Kafka writes the address as Java prints it ("/127.0.0.1"); which loopback family is used may differ.
        clientHost: m.clientHost.startsWith('/') ? '/<address>' : m.clientHost,
        subscribed: m.subscribedTopicNames,
        regex: m.subscribedTopicRegex,
        assignment: m.assignment.topicPartitions.map((t) => ({
          topic: t.topicName,
          partitions: [...t.partitions].sort(),
        })),
        target: m.targetAssignment.topicPartitions.map((t) => ({
          topic: t.topicName,
          partitions: [...t.partitions].sort(),
        })),
        memberType: m.memberType,
      })),
    },
    listed,
    describedAsClassic: {
      errorCode: classicDescribe.errorCode,
      errorMessage: classicDescribe.errorMessage,
      state: classicDescribe.groupState,
    },
    rejoinAtEpochZero: view(stale),
    leave: view(leave),
    afterLeave: { state: afterLeave.groupState, groupEpoch: afterLeave.groupEpoch, members: afterLeave.members.length },
  };
}

async function internalTopicView(
  wire: WireClient,
  kafka: Kafka,
  brokerConfigs: Record<string, { value: string | null }>,
) {
  await wire.request(ApiKey.FindCoordinator, 4, { key: '', keyType: 0, coordinatorKeys: ['differential-lookup'] });
  // Kafka creates the topic in the background: wait for it, as clients do.
  let md;
  for (let i = 0; i < 100; i++) {
    md = await wire.request(ApiKey.Metadata, 12, {
      topics: [{ name: '__consumer_offsets', topicId: Buffer.alloc(16) }],
      allowAutoTopicCreation: false,
    });
    if (md.topics[0].errorCode === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const t = md!.topics[0];
  const all = await wire.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false });
  const producer = kafka.producer({ retry: { retries: 0 } });
  await producer.connect();
  const produceError = await producer.send({ topic: '__consumer_offsets', messages: [{ value: 'x' }], acks: -1 }).then(
    () => 'accepted',
    (e: { type?: string }) => e.type ?? 'error',
  );
  await producer.disconnect();
  const del = await wire.request(ApiKey.DeleteRecords, 2, {
    topics: [{ name: '__consumer_offsets', partitions: [{ partitionIndex: 0, offset: 0n }] }],
    timeoutMs: 5000,
  });
  const cfg = await describeConfigs(wire, 2, '__consumer_offsets');
  return {
    errorCode: t.errorCode,
    isInternal: t.isInternal,
    // As many partitions as the broker says the topic has (Kafka's default 50; the test Kafka uses 1).
    partitionsMatchBrokerConfig: t.partitions.length === Number(brokerConfigs['offsets.topic.num.partitions'].value),
    listedAsInternal: all.topics.find((x) => x.name === '__consumer_offsets')?.isInternal,
    produce: produceError,
    deleteRecords: del.topics[0].partitions[0].errorCode,
    configs: Object.fromEntries(['cleanup.policy', 'compression.type', 'segment.bytes'].map((k) => [k, cfg[k]])),
  };
}

async function describeTopicPartitions(wire: WireClient, n: Names) {
  const r = await wire.request(ApiKey.DescribeTopicPartitions, 0, {
    topics: [{ name: n.topic }, { name: `${n.topic}-missing` }],
    responsePartitionLimit: 2,
    cursor: null,
  });
  return {
    topics: r.topics.map((t) => ({
      errorCode: t.errorCode,
      name: t.name === n.topic ? 'topic' : 'missing',
      isInternal: t.isInternal,
      partitions: t.partitions.map((p) => ({
        index: p.partitionIndex,
        replicas: p.replicaNodes.length,
        elr: p.eligibleLeaderReplicas,
      })),
      ops: t.topicAuthorizedOperations,
    })),
    nextCursor: r.nextCursor && {
      topic: r.nextCursor.topicName === n.topic ? 'topic' : 'other',
      partition: r.nextCursor.partitionIndex,
    },
  };
}
