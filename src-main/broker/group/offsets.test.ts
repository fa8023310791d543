import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { flush } from '../testing/fake-clock.js';
import { encodeSubscription, joinNew, joinReq, stableSingle, syncReq, useHarness } from '../testing/group-harness.js';
import type { OffsetCommitRequest } from './types.js';

const h = useHarness();

function commit(
  over: Partial<OffsetCommitRequest> = {},
  offset = 10n,
  topic = 'a',
  partition = 0,
  metadata: string | null = null,
): number {
  const r = h.gc.commitOffsets({
    groupId: 'g',
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [
      {
        name: topic,
        partitions: [
          { partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: metadata },
        ],
      },
    ],
    ...over,
  });
  return r.topics[0].partitions[0].errorCode;
}

describe('OffsetCommit validation', () => {
  it('simple commit creates an Empty group without protocol type that lists and describes', () => {
    expect(commit({}, 5n)).toBe(0);
    expect(h.gc.listGroups()).toEqual([{ groupId: 'g', protocolType: '', groupState: 'Empty', groupType: 'classic' }]);
    expect(h.gc.describeGroup('g')).toMatchObject({ errorCode: 0, groupState: 'Empty', protocolType: '', members: [] });
    expect(h.gc.fetchOffsets('g', null).topics[0].partitions[0]).toMatchObject({
      committedOffset: 5n,
      committedLeaderEpoch: -1,
      metadata: '',
    });
  });

  it('commit with a generation to an unknown group is ILLEGAL_GENERATION', () => {
    expect(commit({ generationId: 3, memberId: 'm' })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(h.gc.listGroups()).toEqual([]);
  });

  it('stale generation, unknown member, simple commit on a live group', async () => {
    const a = await stableSingle(h);
    expect(commit({ generationId: a.generationId, memberId: a.memberId })).toBe(0);
    expect(commit({ generationId: a.generationId - 1, memberId: a.memberId })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(commit({ generationId: a.generationId, memberId: 'ghost' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // Simple commits are only for groups without members.
    expect(commit({})).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // During PreparingRebalance a valid member may still commit.
    await joinNew(h, { clientId: 'b' });
    expect(h.gc.describeGroup('g').groupState).toBe('PreparingRebalance');
    expect(commit({ generationId: a.generationId, memberId: a.memberId }, 11n)).toBe(0);
  });

  it('simple commit on a group that became Empty is allowed (offset reset of a stopped consumer)', async () => {
    const a = await stableSingle(h);
    h.gc.leaveGroup({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] });
    await flush();
    expect(commit({}, 99n)).toBe(0);
    expect(h.gc.listGroups()).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' },
    ]);
  });

  it('metadata over 4096 characters is rejected per partition', () => {
    expect(commit({}, 1n, 'a', 0, 'x'.repeat(4096))).toBe(0);
    expect(commit({}, 1n, 'a', 1, 'x'.repeat(4097))).toBe(ErrorCode.OFFSET_METADATA_TOO_LARGE);
    expect(h.gc.fetchOffsets('g', [{ name: 'a', partitionIndexes: [1] }]).topics[0].partitions[0].committedOffset).toBe(
      -1n,
    );
  });

  it('fetch for an unknown group returns -1 for listed partitions and nothing for all', () => {
    expect(h.gc.fetchOffsets('nope', null)).toEqual({ errorCode: 0, topics: [] });
    expect(h.gc.fetchOffsets('nope', [{ name: 't', partitionIndexes: [0] }]).topics[0].partitions[0]).toEqual({
      partitionIndex: 0,
      committedOffset: -1n,
      committedLeaderEpoch: -1,
      metadata: '',
      errorCode: 0,
    });
  });
});

describe('OffsetDelete', () => {
  it('refuses topics a consuming member subscribes to', async () => {
    const a = await stableSingle(h, {
      protocols: [{ name: 'range', metadata: encodeSubscription(['a'], Buffer.from('ud')) }],
    });
    commit({ generationId: a.generationId, memberId: a.memberId }, 1n, 'a');
    commit({ generationId: a.generationId, memberId: a.memberId }, 2n, 'b');
    const r = h.gc.deleteOffsets('g', [
      { name: 'a', partitions: [0] },
      { name: 'b', partitions: [0] },
    ]);
    expect(r).toEqual({
      errorCode: 0,
      topics: [
        { name: 'a', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }] },
        { name: 'b', partitions: [{ partitionIndex: 0, errorCode: 0 }] },
      ],
    });
    expect(h.gc.fetchOffsets('g', null).topics.map((t) => t.name)).toEqual(['a']);
  });

  it('NON_EMPTY_GROUP for a live group of another protocol type; GROUP_ID_NOT_FOUND for unknown', async () => {
    const j = await joinNew(h, { protocolType: 'connect', protocols: [{ name: 'v1', metadata: Buffer.alloc(0) }] });
    expect(h.gc.deleteOffsets('g', [{ name: 'a', partitions: [0] }])).toEqual({
      errorCode: ErrorCode.NON_EMPTY_GROUP,
      topics: [],
    });
    expect(h.gc.deleteOffsets('x', [{ name: 'a', partitions: [0] }]).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    expect(h.gc.deleteOffsets('', []).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect(j.memberId).not.toBe('');
  });

  it('deleting the last offsets of an Empty group removes the group', () => {
    commit({}, 1n, 'a', 0);
    commit({}, 1n, 'a', 1);
    expect(h.gc.deleteOffsets('g', [{ name: 'a', partitions: [0] }]).errorCode).toBe(0);
    expect(h.gc.listGroups()).toHaveLength(1);
    h.gc.deleteOffsets('g', [{ name: 'a', partitions: [1] }]);
    expect(h.gc.listGroups()).toEqual([]);
    expect(h.gc.describeGroup('g').groupState).toBe('Dead');
  });
});

describe('admin', () => {
  it('describe unknown is Dead without error', () => {
    expect(h.gc.describeGroup('zzz')).toEqual({
      errorCode: 0,
      errorMessage: null,
      groupId: 'zzz',
      groupState: 'Dead',
      protocolType: '',
      protocolData: '',
      members: [],
    });
  });

  it('list with a case-insensitive state filter', async () => {
    commit({ groupId: 'offsets-only' });
    await stableSingle(h, { groupId: 'live' });
    expect(h.gc.listGroups().map((g) => g.groupId)).toEqual(['live', 'offsets-only']);
    expect(h.gc.listGroups(['stable'])).toEqual([
      { groupId: 'live', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
    ]);
    expect(h.gc.listGroups(['Empty', 'Dead']).map((g) => g.groupId)).toEqual(['offsets-only']);
  });

  it('delete groups: NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, and success drops offsets', async () => {
    commit({ groupId: 'old' }, 7n);
    await stableSingle(h, { groupId: 'live' });
    expect(h.gc.deleteGroups(['live', 'missing', 'old'])).toEqual([
      { groupId: 'live', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
      { groupId: 'old', errorCode: 0 },
    ]);
    expect(
      h.gc.fetchOffsets('old', [{ name: 'a', partitionIndexes: [0] }]).topics[0].partitions[0].committedOffset,
    ).toBe(-1n);
    expect(h.gc.listGroups().map((g) => g.groupId)).toEqual(['live']);
  });

  it('onTopicDeleted drops the topic and groups left with nothing', () => {
    commit({ groupId: 'g1' }, 1n, 'gone');
    commit({ groupId: 'g2' }, 1n, 'gone');
    commit({ groupId: 'g2' }, 1n, 'kept');
    h.gc.onTopicDeleted('gone');
    expect(h.gc.listGroups().map((g) => g.groupId)).toEqual(['g2']);
    expect(h.gc.fetchOffsets('g2', null).topics.map((t) => t.name)).toEqual(['kept']);
  });

  it('offsets of a simple group expire after the retention period', async () => {
    h.replace({ offsetsRetentionMs: 60_000, offsetsRetentionCheckIntervalMs: 10_000 });
    commit({}, 1n);
    await h.clock.advance(50_000);
    expect(h.gc.listGroups()).toHaveLength(1);
    await h.clock.advance(20_000);
    expect(h.gc.listGroups()).toEqual([]);
  });

  it('heartbeat in CompletingRebalance is fine and sync of a stale generation is ILLEGAL_GENERATION', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, { clientId: 'b' });
    const aJoin = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    await flush();
    expect(
      h.gc.heartbeat({ groupId: 'g', generationId: aJoin.generationId, memberId: b.memberId, groupInstanceId: null })
        .errorCode,
    ).toBe(0);
    expect((await h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: a.generationId }))).errorCode).toBe(
      ErrorCode.ILLEGAL_GENERATION,
    );
    expect(
      (await h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: aJoin.generationId, protocolName: 'other' })))
        .errorCode,
    ).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });
});
