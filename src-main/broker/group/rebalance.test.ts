import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { flush } from '../testing/fake-clock.js';
import {
  encodeSubscription,
  INITIAL_DELAY,
  joinNew,
  joinReq,
  stableSingle,
  syncReq,
  track,
  useHarness,
} from '../testing/group-harness.js';

const h = useHarness();

describe('single member', () => {
  it('join → sync → heartbeat → commit → fetch', async () => {
    const { memberId, pending } = await joinNew(h);
    expect(memberId).toMatch(/^client-/);
    expect(pending.done).toBe(false); // initial rebalance delay
    expect(h.gc.describeGroup('g').groupState).toBe('PreparingRebalance');
    await h.clock.advance(INITIAL_DELAY);
    const j = pending.value!;
    expect(j).toMatchObject({
      errorCode: 0,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: memberId,
      memberId,
    });
    expect(j.members.map((m) => m.memberId)).toEqual([memberId]);
    expect(h.gc.describeGroup('g').groupState).toBe('CompletingRebalance');

    const s = await h.gc.syncGroup(
      syncReq({ memberId, generationId: 1, assignments: [{ memberId, assignment: Buffer.from('xyz') }] }),
    );
    expect(s).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range' });
    expect(s.assignment.toString()).toBe('xyz');
    expect(h.gc.describeGroup('g').groupState).toBe('Stable');

    expect(h.gc.heartbeat({ groupId: 'g', generationId: 1, memberId, groupInstanceId: null }).errorCode).toBe(0);

    const c = h.gc.commitOffsets({
      groupId: 'g',
      generationId: 1,
      memberId,
      groupInstanceId: null,
      topics: [
        {
          name: 'a',
          partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 3, committedMetadata: 'm' }],
        },
      ],
    });
    expect(c.topics[0].partitions[0].errorCode).toBe(0);
    const f = h.gc.fetchOffsets('g', [{ name: 'a', partitionIndexes: [0, 1] }]);
    expect(f.errorCode).toBe(0);
    expect(f.topics[0].partitions).toEqual([
      { partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 3, metadata: 'm', errorCode: 0 },
      { partitionIndex: 1, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    expect(h.gc.fetchOffsets('g', null).topics).toEqual([{ name: 'a', partitions: [f.topics[0].partitions[0]] }]);
  });

  it('v4+ requires a member id round trip; v3 gets an id at once', async () => {
    const first = await h.gc.joinGroup(joinReq({ apiVersion: 4 }));
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.memberId).not.toBe('');
    expect(first.generationId).toBe(-1);
    // The pending member is not a member yet.
    expect(h.gc.describeGroup('g').members).toHaveLength(0);

    const old = track(h.gc.joinGroup(joinReq({ groupId: 'g3', apiVersion: 3 })));
    await h.clock.advance(INITIAL_DELAY);
    expect(old.value).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(old.value!.memberId).toMatch(/^client-/);
  });

  it('a pending member id that never joins expires after its session timeout', async () => {
    const first = await h.gc.joinGroup(joinReq());
    expect(h.gc.listGroups().map((g) => g.groupId)).toEqual(['g']);
    await h.clock.advance(10_000);
    expect(h.gc.listGroups()).toEqual([]);
    const late = await h.gc.joinGroup(joinReq({ memberId: first.memberId }));
    expect(late.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('validates group id, session timeout and protocols', async () => {
    expect((await h.gc.joinGroup(joinReq({ groupId: '' }))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await h.gc.joinGroup(joinReq({ sessionTimeoutMs: 5999 }))).errorCode).toBe(
      ErrorCode.INVALID_SESSION_TIMEOUT,
    );
    expect((await h.gc.joinGroup(joinReq({ sessionTimeoutMs: 1_800_001 }))).errorCode).toBe(
      ErrorCode.INVALID_SESSION_TIMEOUT,
    );
    expect((await h.gc.joinGroup(joinReq({ protocolType: '' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await h.gc.joinGroup(joinReq({ memberId: 'nobody' }))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.gc.listGroups()).toEqual([]); // failed joins leave no group behind

    await stableSingle(h);
    const other = await h.gc.joinGroup(joinReq({ protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }));
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const otherType = await h.gc.joinGroup(joinReq({ protocolType: 'connect' }));
    expect(otherType.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(h.gc.heartbeat({ groupId: '', generationId: 1, memberId: 'x', groupInstanceId: null }).errorCode).toBe(
      ErrorCode.INVALID_GROUP_ID,
    );
    expect(h.gc.heartbeat({ groupId: 'nope', generationId: 1, memberId: 'x', groupInstanceId: null }).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
  });

  it('GROUP_MAX_SIZE_REACHED when the group is full', async () => {
    h.replace({ maxGroupSize: 1 });
    await stableSingle(h);
    const extra = await h.gc.joinGroup(joinReq({ apiVersion: 3 }));
    expect(extra.errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
  });

  it('selects the common protocol with the most votes', async () => {
    const a = await joinNew(h, {
      protocols: [
        { name: 'x', metadata: Buffer.alloc(0) },
        { name: 'y', metadata: Buffer.alloc(0) },
      ],
    });
    const b = await joinNew(h, {
      protocols: [
        { name: 'y', metadata: Buffer.alloc(0) },
        { name: 'x', metadata: Buffer.alloc(0) },
      ],
    });
    const c = await joinNew(h, {
      protocols: [
        { name: 'y', metadata: Buffer.alloc(0) },
        { name: 'z', metadata: Buffer.alloc(0) },
      ],
    });
    await h.clock.advance(INITIAL_DELAY * 2); // later arrivals extend the initial delay once
    for (const p of [a.pending, b.pending, c.pending])
      expect(p.value).toMatchObject({ errorCode: 0, protocolName: 'y', generationId: 1 });
  });
});

describe('two members', () => {
  it('second join forces a rebalance; both rejoin into one generation and receive their assignments', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, {
      clientId: 'b',
      protocols: [{ name: 'range', metadata: encodeSubscription(['a', 'b']) }],
    });
    expect(h.gc.describeGroup('g').groupState).toBe('PreparingRebalance');
    expect(b.pending.done).toBe(false);
    expect(
      h.gc.heartbeat({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, groupInstanceId: null })
        .errorCode,
    ).toBe(ErrorCode.REBALANCE_IN_PROGRESS);

    const aJoin = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    await flush();
    expect(b.pending.done).toBe(true);
    const bJoin = b.pending.value!;
    expect(aJoin.generationId).toBe(2);
    expect(bJoin.generationId).toBe(2);
    expect(aJoin.leader).toBe(a.memberId);
    expect(bJoin.leader).toBe(a.memberId);
    expect(aJoin.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect(bJoin.members).toEqual([]);

    // Follower syncs first and waits for the leader.
    const bSync = track(h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: 2 })));
    await flush();
    expect(bSync.done).toBe(false);
    // Commits are refused until the assignment is out.
    const early = h.gc.commitOffsets({
      groupId: 'g',
      generationId: 2,
      memberId: b.memberId,
      groupInstanceId: null,
      topics: [
        {
          name: 'a',
          partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }],
        },
      ],
    });
    expect(early.topics[0].partitions[0].errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);

    const aSync = await h.gc.syncGroup(
      syncReq({
        memberId: a.memberId,
        generationId: 2,
        assignments: [
          { memberId: a.memberId, assignment: Buffer.from('for-a') },
          { memberId: b.memberId, assignment: Buffer.from('for-b') },
        ],
      }),
    );
    await flush();
    expect(aSync.assignment.toString()).toBe('for-a');
    expect(bSync.value!.errorCode).toBe(0);
    expect(bSync.value!.assignment.toString()).toBe('for-b');
    expect(bSync.value!.protocolName).toBe('range');

    const d = h.gc.describeGroup('g');
    expect(d).toMatchObject({ errorCode: 0, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(d.members).toHaveLength(2);
    const bDesc = d.members.find((m) => m.memberId === b.memberId)!;
    expect(bDesc.clientId).toBe('b');
    expect(bDesc.clientHost).toBe('/127.0.0.1');
    expect(bDesc.memberAssignment.toString()).toBe('for-b');
    expect(bDesc.memberMetadata.equals(encodeSubscription(['a', 'b']))).toBe(true);
  });

  it('the leader rejoining forces a new generation; an unchanged follower rejoin does not', async () => {
    const a = await stableSingle(h);
    const again = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    expect(again.generationId).toBe(a.generationId + 1);
    const b = await joinNew(h, { clientId: 'b' });
    const aJoin = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    await flush();
    await h.gc.syncGroup(syncReq({ memberId: a.memberId, generationId: aJoin.generationId }));
    await h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: aJoin.generationId }));
    const bAgain = await h.gc.joinGroup(joinReq({ memberId: b.memberId, clientId: 'b' }));
    expect(bAgain).toMatchObject({ errorCode: 0, generationId: aJoin.generationId, leader: a.memberId, members: [] });
    expect(h.gc.describeGroup('g').groupState).toBe('Stable');
  });

  it('session expiry of a member triggers a rebalance without it', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, { clientId: 'b' });
    const aJoin = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    await flush();
    const bJoin = b.pending.value!;
    await h.gc.syncGroup(syncReq({ memberId: a.memberId, generationId: aJoin.generationId, assignments: [] }));
    await h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: bJoin.generationId }));
    expect(h.gc.describeGroup('g').groupState).toBe('Stable');

    // Only A heartbeats; B's 10 s session runs out.
    for (let i = 0; i < 4; i++) {
      await h.clock.advance(3000);
      const hb = h.gc.heartbeat({
        groupId: 'g',
        generationId: aJoin.generationId,
        memberId: a.memberId,
        groupInstanceId: null,
      }).errorCode;
      if (i < 3) expect(hb).toBe(0);
      else expect(hb).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    }
    expect(h.gc.describeGroup('g').members.map((m) => m.memberId)).toEqual([a.memberId]);
    expect(
      h.gc.heartbeat({ groupId: 'g', generationId: bJoin.generationId, memberId: b.memberId, groupInstanceId: null })
        .errorCode,
    ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const re = await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
    expect(re).toMatchObject({ errorCode: 0, generationId: aJoin.generationId + 1, leader: a.memberId });
    expect(re.members).toHaveLength(1);
  });

  it('members that do not rejoin within the rebalance timeout are dropped', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, { clientId: 'b', rebalanceTimeoutMs: 20_000 });
    // A keeps heartbeating (it learns of the rebalance) but never rejoins.
    for (let t = 0; t < 30_000; t += 3000) {
      await h.clock.advance(3000);
      h.gc.heartbeat({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, groupInstanceId: null });
    }
    expect(b.pending.value).toMatchObject({ errorCode: 0, generationId: a.generationId + 1, leader: b.memberId });
    expect(h.gc.describeGroup('g').members.map((m) => m.memberId)).toEqual([b.memberId]);
  });

  it('members that never sync are removed after the rebalance timeout', async () => {
    const a = await stableSingle(h, { rebalanceTimeoutMs: 15_000 });
    const b = await joinNew(h, { clientId: 'b', rebalanceTimeoutMs: 15_000 });
    const aJoin = await h.gc.joinGroup(joinReq({ memberId: a.memberId, rebalanceTimeoutMs: 15_000 }));
    await flush();
    // Leader syncs, B never does (and never heartbeats).
    await h.gc.syncGroup(syncReq({ memberId: a.memberId, generationId: aJoin.generationId, assignments: [] }));
    for (let t = 0; t < 15_000; t += 3000) {
      await h.clock.advance(3000);
      h.gc.heartbeat({ groupId: 'g', generationId: aJoin.generationId, memberId: a.memberId, groupInstanceId: null });
    }
    expect(h.gc.describeGroup('g').members.map((m) => m.memberId)).toEqual([a.memberId]);
    expect(b.pending.value!.errorCode).toBe(0);
  });

  it('initial rebalance delay gathers members joining an empty group', async () => {
    const a = await joinNew(h);
    await h.clock.advance(INITIAL_DELAY / 2);
    const b = await joinNew(h, { clientId: 'b' });
    await h.clock.advance(INITIAL_DELAY / 2);
    expect(a.pending.done).toBe(false); // extended because a new member arrived
    await h.clock.advance(INITIAL_DELAY);
    expect(a.pending.value).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(b.pending.value).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(a.pending.value!.members.length + b.pending.value!.members.length).toBe(2);
  });
});

describe('leave', () => {
  it('last member leaving empties the group; it stays listed as an Empty consumer group', async () => {
    const a = await stableSingle(h);
    const r = h.gc.leaveGroup({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] });
    expect(r).toEqual({ errorCode: 0, members: [{ memberId: a.memberId, groupInstanceId: null, errorCode: 0 }] });
    await flush();
    expect(h.gc.listGroups()).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' },
    ]);
    expect(h.gc.describeGroup('g')).toMatchObject({
      groupState: 'Empty',
      protocolType: 'consumer',
      protocolData: '',
      members: [],
    });
  });

  it('batch leave reports per-member errors', async () => {
    const a = await stableSingle(h);
    const r = h.gc.leaveGroup({
      groupId: 'g',
      members: [
        { memberId: 'ghost', groupInstanceId: null },
        { memberId: a.memberId, groupInstanceId: null },
      ],
    });
    expect(r.errorCode).toBe(0);
    expect(r.members.map((m) => m.errorCode)).toEqual([ErrorCode.UNKNOWN_MEMBER_ID, 0]);
    expect(
      h.gc.leaveGroup({ groupId: 'unknown', members: [{ memberId: 'x', groupInstanceId: null }] }).members[0].errorCode,
    ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a leaving member lets a pending rebalance complete and answers its own parked join', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, { clientId: 'b' });
    const aJoin = track(h.gc.joinGroup(joinReq({ memberId: a.memberId })));
    await flush();
    expect(aJoin.done).toBe(true);
    const gen = aJoin.value!.generationId;
    // Now a rebalance again: B rejoins with new metadata and A leaves instead of rejoining.
    const bRe = track(
      h.gc.joinGroup(
        joinReq({
          memberId: b.memberId,
          clientId: 'b',
          protocols: [{ name: 'range', metadata: encodeSubscription(['z']) }],
        }),
      ),
    );
    await flush();
    expect(bRe.done).toBe(false);
    h.gc.leaveGroup({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] });
    await flush();
    expect(bRe.value).toMatchObject({ errorCode: 0, generationId: gen + 1, leader: b.memberId });
  });
});
