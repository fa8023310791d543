import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { flush } from '../testing/fake-clock.js';
import { INITIAL_DELAY, joinNew, joinReq, stableSingle, syncReq, track, useHarness } from '../testing/group-harness.js';

const h = useHarness();

/** A stable member, a second one joined in, and the second one's SyncGroup parked until the leader syncs. */
async function followerWaitingInSync() {
  const a = await stableSingle(h);
  const b = await joinNew(h, { clientId: 'b' });
  await h.gc.joinGroup(joinReq({ memberId: a.memberId }));
  await flush();
  const bSync = track(h.gc.syncGroup(syncReq({ memberId: b.memberId, generationId: b.pending.value!.generationId })));
  await flush();
  return bSync;
}

describe('long polls never hang', () => {
  it('close answers parked joins and syncs', async () => {
    const a = await joinNew(h);
    h.gc.close();
    await flush();
    expect(a.pending.value!.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await h.gc.joinGroup(joinReq())).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('close answers a follower waiting in sync', async () => {
    const bSync = await followerWaitingInSync();
    expect(bSync.done).toBe(false);
    h.gc.close();
    await flush();
    expect(bSync.value!.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });

  it('a newer join from the same member answers the older one', async () => {
    const a = await joinNew(h);
    const second = track(h.gc.joinGroup(joinReq({ memberId: a.memberId })));
    await flush();
    expect(a.pending.value!.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await h.clock.advance(INITIAL_DELAY);
    expect(second.value).toMatchObject({ errorCode: 0, generationId: 1 });
  });

  it('a rebalance starting during sync answers waiting followers with REBALANCE_IN_PROGRESS', async () => {
    const bSync = await followerWaitingInSync();
    // A third member arrives before the leader synced.
    await h.gc.joinGroup(joinReq({ clientId: 'c' }));
    const c = await joinNew(h, { clientId: 'c' });
    await flush();
    expect(bSync.value!.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(c.pending.done).toBe(false);
  });

  it('an expiring new member gets UNKNOWN_MEMBER_ID on its parked join', async () => {
    const a = await stableSingle(h);
    const b = await joinNew(h, { clientId: 'b', rebalanceTimeoutMs: 600_000 });
    // A neither heartbeats nor rejoins: it expires, and B's join completes.
    await h.clock.advance(10_000);
    expect(b.pending.value).toMatchObject({ errorCode: 0, leader: b.memberId });
    expect(h.gc.describeGroup('g').members.map((m) => m.memberId)).toEqual([b.memberId]);
    expect(a.memberId).not.toBe(b.memberId);
  });
});
