import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GroupCoordinator } from './coordinator.js';
import { joinReq, syncReq } from '../testing/group-harness.js';
import { legacyLeaveErrorCode } from './types.js';

it('works on real timers with a short initial delay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-groups-rt-'));
  const gc = new GroupCoordinator({ dataDir: dir, initialRebalanceDelayMs: 20 });
  try {
    const first = await gc.joinGroup(joinReq());
    const started = Date.now();
    const j = await gc.joinGroup(joinReq({ memberId: first.memberId }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(j).toMatchObject({ errorCode: 0, generationId: 1 });
    const s = await gc.syncGroup(
      syncReq({
        memberId: j.memberId,
        generationId: 1,
        assignments: [{ memberId: j.memberId, assignment: Buffer.from('x') }],
      }),
    );
    expect(s.assignment.toString()).toBe('x');
    const leave = gc.leaveGroup({ groupId: 'g', members: [{ memberId: 'ghost', groupInstanceId: null }] });
    expect(legacyLeaveErrorCode(leave)).toBe(25);
  } finally {
    gc.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
