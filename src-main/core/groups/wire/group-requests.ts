/**
 * Group requests in batches, on one broker each: ListGroups (v5 reports the group type),
 * FindCoordinator v4 for many groups at once, DescribeGroups and ConsumerGroupDescribe for all the
 * groups a coordinator owns, OffsetFetch v8 for many groups in one request, OffsetDelete.
 * Older brokers get the older versions (one group per OffsetFetch, in parallel).
 */
import kafkajs, { type Broker } from 'kafkajs';
import { ApiKey } from '../../../kafka-protocol/index.js';
import type { GroupMember, GroupType } from '../../../contract/groups.js';
import type { CommittedOffsets, DescribedGroup, ListedGroup } from '../gateway.js';
import { inParallel } from './coordinators.js';
import { errorName, sendRequest as send, versionFor } from '../../wire/codec-request.js';
import { protocolError } from '../group-errors.js';

const { AssignerProtocol } = kafkajs;

/** Groups per OffsetFetch request: keeps answers around a few hundred KB. */
const FETCH_BATCH = 500;
const DESCRIBE_BATCH = 500;
const GROUP_TYPES = new Set<GroupType>(['classic', 'consumer', 'share', 'streams']);

export async function listGroupsOn(broker: Broker): Promise<ListedGroup[]> {
  const v = versionFor(broker, ApiKey.ListGroups);
  if (v === null) throw protocolError(35, 'ListGroups');
  const res = await send(broker, ApiKey.ListGroups, v, { statesFilter: [], typesFilter: [] });
  if (res.errorCode !== 0) throw protocolError(res.errorCode, 'ListGroups');
  return res.groups.map((g) => {
    const type = g.groupType.toLowerCase() as GroupType;
    return {
      groupId: g.groupId,
      protocolType: g.protocolType,
      state: v >= 4 ? g.groupState : null,
      type: v >= 5 ? (GROUP_TYPES.has(type) ? type : 'unknown') : null,
    };
  });
}

/** Coordinators of many groups in one request, or null when the broker only answers one key at a time. */
export async function findCoordinatorsOn(
  broker: Broker,
  groupIds: readonly string[],
): Promise<Map<string, number> | null> {
  const v = versionFor(broker, ApiKey.FindCoordinator);
  if (v === null || v < 4) return null;
  const res = await send(broker, ApiKey.FindCoordinator, v, { keyType: 0, coordinatorKeys: [...groupIds] });
  const out = new Map<string, number>();
  for (const c of res.coordinators) if (c.errorCode === 0 && c.nodeId >= 0) out.set(c.key, c.nodeId);
  return out;
}

/** The consumer protocol's assignment bytes; other protocol types (connect) are opaque to us. */
function decodeAssignment(protocolType: string, bytes: Buffer | null): GroupMember['assignment'] {
  if (protocolType !== 'consumer' || !bytes || bytes.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}

const byClient = (a: GroupMember, b: GroupMember) =>
  a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId);

/**
 * Classic groups through DescribeGroups. Returns the described groups and the ids the broker says
 * are not classic groups (Kafka 4 answers GROUP_ID_NOT_FOUND for a consumer group here).
 */
export async function describeClassicOn(
  broker: Broker,
  node: number,
  groupIds: readonly string[],
): Promise<{ described: DescribedGroup[]; notClassic: string[] }> {
  const v = versionFor(broker, ApiKey.DescribeGroups);
  if (v === null) throw protocolError(35, 'DescribeGroups');
  const described: DescribedGroup[] = [];
  const notClassic: string[] = [];
  for (let i = 0; i < groupIds.length; i += DESCRIBE_BATCH) {
    const res = await send(broker, ApiKey.DescribeGroups, v, {
      groups: groupIds.slice(i, i + DESCRIBE_BATCH),
      includeAuthorizedOperations: false,
    });
    for (const g of res.groups) {
      if (g.errorCode === 69) notClassic.push(g.groupId);
      if (g.errorCode !== 0 || g.groupState === 'Dead') continue;
      described.push({
        groupId: g.groupId,
        type: 'classic',
        state: g.groupState,
        protocolType: g.protocolType,
        assignor: g.protocolData || null,
        epoch: null,
        coordinator: node,
        members: g.members
          .map((m) => ({
            memberId: m.memberId,
            instanceId: m.groupInstanceId,
            clientId: m.clientId,
            host: m.clientHost.replace(/^\//, ''),
            assignment: decodeAssignment(g.protocolType, m.memberAssignment),
          }))
          .sort(byClient),
      });
    }
  }
  return { described, notClassic };
}

/** KIP-848 consumer groups through ConsumerGroupDescribe (API 69); empty when the broker lacks it. */
export async function describeConsumerOn(
  broker: Broker,
  node: number,
  groupIds: readonly string[],
): Promise<DescribedGroup[]> {
  const v = versionFor(broker, ApiKey.ConsumerGroupDescribe);
  if (v === null || groupIds.length === 0) return [];
  const out: DescribedGroup[] = [];
  for (let i = 0; i < groupIds.length; i += DESCRIBE_BATCH) {
    const res = await send(broker, ApiKey.ConsumerGroupDescribe, v, {
      groupIds: groupIds.slice(i, i + DESCRIBE_BATCH),
      includeAuthorizedOperations: false,
    });
    for (const g of res.groups) {
      if (g.errorCode !== 0 || g.groupState === 'Dead') continue;
      out.push({
        groupId: g.groupId,
        type: 'consumer',
        state: g.groupState,
        protocolType: 'consumer',
        assignor: g.assignorName || null,
        epoch: g.groupEpoch,
        coordinator: node,
        members: g.members
          .map((m) => ({
            memberId: m.memberId,
            instanceId: m.instanceId,
            clientId: m.clientId,
            host: m.clientHost.replace(/^\//, ''),
            assignment: m.assignment.topicPartitions
              .map((tp) => ({ topic: tp.topicName, partitions: [...tp.partitions].sort((a, b) => a - b) }))
              .sort((a, b) => a.topic.localeCompare(b.topic)),
          }))
          .sort(byClient),
      });
    }
  }
  return out;
}

export interface CommittedAnswer {
  offsets: Map<string, CommittedOffsets>;
  /** Groups whose coordinator moved: ask again after finding it anew. */
  moved: string[];
  /** Groups this user may not read: shown without lag. */
  denied: string[];
}

const MOVED = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS']);

/** Every committed offset of many groups: OffsetFetch v8 takes them all in one request. */
export async function fetchCommittedOn(broker: Broker, groupIds: readonly string[]): Promise<CommittedAnswer> {
  const answer: CommittedAnswer = { offsets: new Map(), moved: [], denied: [] };
  const note = (groupId: string, code: number) => {
    const name = errorName(code);
    if (MOVED.has(name)) answer.moved.push(groupId);
    else if (name === 'GROUP_AUTHORIZATION_FAILED') answer.denied.push(groupId);
    else if (name !== 'GROUP_ID_NOT_FOUND') throw protocolError(code, `OffsetFetch for group ${groupId}`);
  };
  const keep = (
    groupId: string,
    topics: { name: string; partitions: { partitionIndex: number; committedOffset: bigint; errorCode: number }[] }[],
  ) => {
    const offsets: CommittedOffsets = new Map();
    for (const t of topics) {
      const m = new Map<number, number>();
      for (const p of t.partitions)
        if (p.errorCode === 0 && p.committedOffset >= 0n) m.set(p.partitionIndex, Number(p.committedOffset));
      if (m.size > 0) offsets.set(t.name, m);
    }
    answer.offsets.set(groupId, offsets);
  };
  const v = versionFor(broker, ApiKey.OffsetFetch);
  if (v === null || v < 2) throw protocolError(35, 'OffsetFetch');
  if (v >= 8) {
    for (let i = 0; i < groupIds.length; i += FETCH_BATCH) {
      const res = await send(broker, ApiKey.OffsetFetch, v, {
        groups: groupIds.slice(i, i + FETCH_BATCH).map((groupId) => ({ groupId, topics: null })),
        requireStable: false,
      });
      for (const g of res.groups) {
        if (g.errorCode !== 0) note(g.groupId, g.errorCode);
        else keep(g.groupId, g.topics);
      }
    }
    return answer;
  }
  // Before v8: one group per request, all of them in flight together (bounded).
  await inParallel(groupIds, 32, async (groupId) => {
    const res = await send(broker, ApiKey.OffsetFetch, v, { groupId, topics: null, requireStable: false });
    if (res.errorCode !== 0) note(groupId, res.errorCode);
    else keep(groupId, res.topics);
  });
  return answer;
}

/** OffsetDelete: the group forgets its committed offsets of these partitions. */
export async function deleteOffsetsOn(
  broker: Broker,
  groupId: string,
  topic: string,
  partitions: readonly number[],
): Promise<void> {
  const v = versionFor(broker, ApiKey.OffsetDelete);
  if (v === null)
    throw protocolError(35, 'OffsetDelete', 'This cluster does not support deleting committed offsets (OffsetDelete)');
  const res = await send(broker, ApiKey.OffsetDelete, v, {
    groupId,
    topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex })) }],
  });
  if (res.errorCode !== 0) throw protocolError(res.errorCode, `OffsetDelete for group ${groupId}`);
  const failed = res.topics.flatMap((t) => t.partitions).find((p) => p.errorCode !== 0);
  if (failed) throw protocolError(failed.errorCode, `OffsetDelete for ${topic}[${failed.partitionIndex}]`);
}
