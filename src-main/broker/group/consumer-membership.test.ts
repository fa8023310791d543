import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { cgReq, fakeTopics, harness, type Harness } from '../testing/group-harness.js';
import type { ConsumerHeartbeatResponse } from './consumer-types.js';

let h: Harness;
let topics: ReturnType<typeof fakeTopics>;
beforeEach(() => {
  topics = fakeTopics({ a: 4, b: 2, __consumer_offsets: 3 });
  h = harness({ topics, consumerSessionTimeoutMs: 45_000, consumerHeartbeatIntervalMs: 5000 });
});
afterEach(() => h.cleanup());

/** The partitions of one topic in an answer, by topic name. */
function parts(r: ConsumerHeartbeatResponse, topic = 'a'): number[] | undefined {
  return r.assignment?.topicPartitions.find((t) => t.topicId.toString('hex') === topics.idOf(topic))?.partitions;
}

const owned = (topic: string, partitions: number[]) => [
  { topicId: Buffer.from(topics.idOf(topic), 'hex'), partitions },
];

describe('joining and heartbeating', () => {
  it('a lone member gets every partition at once, at epoch 1, and the group is Stable', () => {
    const r = h.gc.consumerGroupHeartbeat(cgReq());
    expect(r).toMatchObject({ errorCode: 0, memberId: 'm1', memberEpoch: 1, heartbeatIntervalMs: 5000 });
    expect(parts(r)).toEqual([0, 1, 2, 3]);
    expect(h.gc.describeConsumerGroup('cg')).toMatchObject({
      groupState: 'Stable',
      groupEpoch: 1,
      assignmentEpoch: 1,
      assignorName: 'uniform',
    });
    expect(h.gc.listGroups()).toEqual([
      { groupId: 'cg', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' },
    ]);
  });

  it('a heartbeat that changes nothing carries no assignment', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    const r = h.gc.consumerGroupHeartbeat(
      cgReq({ memberEpoch: 1, rebalanceTimeoutMs: -1, subscribedTopicNames: null, topicPartitions: null }),
    );
    expect(r).toMatchObject({ errorCode: 0, memberEpoch: 1, assignment: null });
  });

  it('a second member gets partitions only after the first revoked them (cooperative, two steps)', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    const join2 = h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2' }));
    expect(join2).toMatchObject({ errorCode: 0, memberEpoch: 2 });
    expect(parts(join2)).toBeUndefined(); // everything still belongs to m1
    expect(h.gc.describeConsumerGroup('cg').groupState).toBe('Reconciling');

    // m1 learns it must give two partitions up: it keeps the others at epoch 1.
    const revoke = h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 1, topicPartitions: owned('a', [0, 1, 2, 3]) }));
    expect(revoke.memberEpoch).toBe(1);
    const kept = parts(revoke)!;
    expect(kept).toHaveLength(2);
    // Until m1 says it let them go, m2 waits.
    expect(
      parts(h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2', memberEpoch: 2, topicPartitions: [] }))),
    ).toBeUndefined();
    const done = h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 1, topicPartitions: owned('a', kept) }));
    expect(done).toMatchObject({ memberEpoch: 2 });
    const got = h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2', memberEpoch: 2, topicPartitions: [] }));
    expect(parts(got)!.sort()).toEqual([0, 1, 2, 3].filter((p) => !kept.includes(p)));
    expect(h.gc.describeConsumerGroup('cg').groupState).toBe('Stable');
  });

  it('fences a member that claims a newer epoch, or an older one that is not a lost answer', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    expect(h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 5, topicPartitions: null })).errorCode).toBe(
      ErrorCode.FENCED_MEMBER_EPOCH,
    );
    h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 1, subscribedTopicNames: ['a', 'b'], topicPartitions: [] }));
    // Now at epoch 2 (previous 1): epoch 1 with a subset of the assignment is a lost answer, accepted.
    expect(h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 1, topicPartitions: owned('a', [0]) })).errorCode).toBe(0);
    const stale = h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: 0, topicPartitions: [] }));
    expect(stale).toMatchObject({ errorCode: ErrorCode.FENCED_MEMBER_EPOCH, memberId: null, memberEpoch: 0 });
  });

  it('follows new topics: a topic created after the join is assigned at the next heartbeat', () => {
    h.gc.consumerGroupHeartbeat(cgReq({ subscribedTopicNames: ['a', 'late'] }));
    topics.set('late', 2);
    const r = h.gc.consumerGroupHeartbeat(
      cgReq({ memberEpoch: 1, subscribedTopicNames: null, topicPartitions: owned('a', [0, 1, 2, 3]) }),
    );
    expect(r.memberEpoch).toBe(2);
    expect(parts(r, 'late')).toEqual([0, 1]);
  });

  it('matches a regular expression against whole topic names, internal topics included (as Kafka)', () => {
    const r = h.gc.consumerGroupHeartbeat(
      cgReq({ subscribedTopicNames: null, subscribedTopicRegex: '__consumer.*|b' }),
    );
    expect(r.errorCode).toBe(0);
    expect(parts(r, '__consumer_offsets')).toEqual([0, 1, 2]);
    expect(parts(r, 'b')).toEqual([0, 1]);
    expect(parts(r, 'a')).toBeUndefined();
  });

  it('range assignor when the members ask for it', () => {
    h.gc.consumerGroupHeartbeat(cgReq({ serverAssignor: 'range', subscribedTopicNames: ['a', 'b'] }));
    expect(h.gc.describeConsumerGroup('cg').assignorName).toBe('range');
  });
});

describe('refusals', () => {
  it('validates the request as Kafka does', () => {
    const code = (over: Parameters<typeof cgReq>[0]) => h.gc.consumerGroupHeartbeat(cgReq(over));
    expect(code({ memberId: '' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: "MemberId can't be empty.",
    });
    expect(code({ rebalanceTimeoutMs: -1 }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(code({ topicPartitions: null }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(code({ subscribedTopicNames: [] }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(code({ memberEpoch: -3 }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(code({ serverAssignor: 'sticky' })).toMatchObject({
      errorCode: ErrorCode.UNSUPPORTED_ASSIGNOR,
      errorMessage: 'ServerAssignor sticky is not supported. Supported assignors: uniform, range.',
    });
    expect(code({ subscribedTopicRegex: '(' }).errorCode).toBe(ErrorCode.INVALID_REGULAR_EXPRESSION);
    expect(code({ memberEpoch: 3, topicPartitions: null }).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    // v0: the coordinator names the member.
    const v0 = code({ memberId: '', apiVersion: 0 });
    expect(v0.errorCode).toBe(0);
    expect(v0.memberId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('one group id, one type: a classic group with members is not a consumer group, and the reverse', async () => {
    const { stableSingle } = await import('../testing/group-harness.js');
    await stableSingle(h, { groupId: 'classic' });
    expect(h.gc.consumerGroupHeartbeat(cgReq({ groupId: 'classic' }))).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Group classic is not a consumer group.',
    });
    h.gc.consumerGroupHeartbeat(cgReq());
    const { joinReq } = await import('../testing/group-harness.js');
    expect((await h.gc.joinGroup(joinReq({ groupId: 'cg' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(h.gc.describeGroup('cg')).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Group cg is not a classic group.',
      groupState: 'Dead',
    });
    expect(h.gc.describeConsumerGroup('classic')).toMatchObject({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND });
    expect(h.gc.listGroups([], ['consumer']).map((g) => g.groupId)).toEqual(['cg']);
    expect(h.gc.listGroups([], ['Classic']).map((g) => g.groupId)).toEqual(['classic']);
  });

  it('an Empty group changes type and keeps its offsets', () => {
    h.gc.commitOffsets({
      groupId: 'cg',
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: 'a',
          partitions: [{ partitionIndex: 0, committedOffset: 7n, committedLeaderEpoch: -1, committedMetadata: null }],
        },
      ],
    });
    expect(h.gc.listGroups()[0].groupType).toBe('classic');
    expect(h.gc.consumerGroupHeartbeat(cgReq()).errorCode).toBe(0);
    expect(h.gc.listGroups()[0].groupType).toBe('consumer');
    const f = h.gc.fetchOffsets('cg', [{ name: 'a', partitionIndexes: [0] }]);
    expect(f.topics[0].partitions[0].committedOffset).toBe(7n);
  });
});

describe('leaving, sessions and timeouts', () => {
  it('a member that leaves hands its partitions to the others', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2' }));
    const left = h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: -1, topicPartitions: null }));
    expect(left).toMatchObject({ errorCode: 0, memberId: 'm1', memberEpoch: -1 });
    const r = h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2', memberEpoch: 2, topicPartitions: [] }));
    expect(r.memberEpoch).toBe(3);
    expect(parts(r)).toEqual([0, 1, 2, 3]);
    expect(h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: -1 })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('fences a member whose session expires', async () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    await h.clock.advance(44_000);
    expect(h.gc.describeConsumerGroup('cg').members).toHaveLength(1);
    await h.clock.advance(2_000);
    expect(h.gc.describeConsumerGroup('cg')).toMatchObject({ groupState: 'Empty', members: [] });
  });

  it('fences a member that does not revoke within its rebalance timeout', async () => {
    h.gc.consumerGroupHeartbeat(cgReq({ rebalanceTimeoutMs: 10_000 }));
    h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2' }));
    h.gc.consumerGroupHeartbeat(
      cgReq({ memberEpoch: 1, rebalanceTimeoutMs: 10_000, topicPartitions: owned('a', [0, 1, 2, 3]) }),
    );
    await h.clock.advance(5_000);
    h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2', memberEpoch: 2, topicPartitions: [] }));
    await h.clock.advance(6_000);
    expect(h.gc.describeConsumerGroup('cg').members.map((m) => m.memberId)).toEqual(['m2']);
  });

  it('a static member that leaves with -2 keeps its partitions for its replacement', () => {
    const first = h.gc.consumerGroupHeartbeat(cgReq({ instanceId: 'i1' }));
    expect(parts(first)).toEqual([0, 1, 2, 3]);
    // Still holding its instance id: another process may not take it.
    expect(h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm9', instanceId: 'i1' })).errorCode).toBe(
      ErrorCode.UNRELEASED_INSTANCE_ID,
    );
    expect(h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: -2, instanceId: 'i1' })).memberEpoch).toBe(-2);
    const back = h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm9', instanceId: 'i1' }));
    expect(back).toMatchObject({ errorCode: 0, memberId: 'm9', memberEpoch: 1 });
    expect(parts(back)).toEqual([0, 1, 2, 3]);
  });
});

describe('offsets of a consumer group', () => {
  const commit = (memberId: string, generationId: number, apiVersion = 9) =>
    h.gc.commitOffsets({
      groupId: 'cg',
      generationId,
      memberId,
      groupInstanceId: null,
      apiVersion,
      topics: [
        {
          name: 'a',
          partitions: [{ partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, committedMetadata: '' }],
        },
      ],
    }).topics[0].partitions[0].errorCode;

  it('members commit at their epoch with v9+; others wait until the group is empty', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    expect(commit('m1', 1)).toBe(0);
    expect(commit('m1', 0)).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect(commit('m1', 1, 8)).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(commit('', -1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.gc.fetchOffsets('cg', null, { memberId: 'm1', memberEpoch: 0 }).errorCode).toBe(
      ErrorCode.STALE_MEMBER_EPOCH,
    );
    expect(h.gc.fetchOffsets('cg', null, { memberId: 'm1', memberEpoch: 1 }).topics).toHaveLength(1);
    expect(h.gc.deleteGroups(['cg'])[0].errorCode).toBe(ErrorCode.NON_EMPTY_GROUP);
    h.gc.consumerGroupHeartbeat(cgReq({ memberEpoch: -1 }));
    expect(commit('', -1)).toBe(0);
    expect(h.gc.deleteGroups(['cg'])[0].errorCode).toBe(0);
    expect(h.gc.listGroups()).toEqual([]);
  });
});

describe('persistence', () => {
  it('the group, its members and their assignments survive a restart', () => {
    h.gc.consumerGroupHeartbeat(cgReq());
    h.gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2' }));
    const before = h.gc.describeConsumerGroup('cg');
    const gc = h.reopen();
    expect(gc.describeConsumerGroup('cg')).toEqual(before);
    // Members carry on at their epochs.
    expect(gc.consumerGroupHeartbeat(cgReq({ memberId: 'm2', memberEpoch: 2, topicPartitions: [] })).errorCode).toBe(0);
  });
});
