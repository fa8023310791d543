import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { flush } from '../testing/fake-clock.js';
import { joinReq, stableSingle, syncReq, useHarness } from '../testing/group-harness.js';

const h = useHarness();

describe('static membership', () => {
  it('a restarted static member takes over its slot and fences the old id', async () => {
    const a = await stableSingle(h, { groupInstanceId: 'inst-1', clientId: 'c1' }, Buffer.from('P0'));
    expect(a.memberId).toMatch(/^inst-1-/);
    const again = await h.gc.joinGroup(joinReq({ groupInstanceId: 'inst-1' }));
    expect(again.errorCode).toBe(0);
    expect(again.memberId).not.toBe(a.memberId);
    expect(again.generationId).toBe(a.generationId); // no rebalance
    expect(again.skipAssignment).toBe(true);
    expect(h.gc.describeGroup('g').groupState).toBe('Stable');
    expect(
      h.gc.heartbeat({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, groupInstanceId: 'inst-1' })
        .errorCode,
    ).toBe(ErrorCode.FENCED_INSTANCE_ID);
    const s = await h.gc.syncGroup(
      syncReq({ memberId: again.memberId, generationId: again.generationId, groupInstanceId: 'inst-1' }),
    );
    expect(s.assignment.toString()).toBe('P0');
  });

  it('admin removal by instance id', async () => {
    await stableSingle(h, { groupInstanceId: 'inst-1' });
    const r = h.gc.leaveGroup({ groupId: 'g', members: [{ memberId: '', groupInstanceId: 'inst-1' }] });
    expect(r.members[0].errorCode).toBe(0);
    await flush();
    expect(h.gc.describeGroup('g').members).toEqual([]);
  });
});
