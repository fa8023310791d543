import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../kafka-protocol/index.js';
import { flush } from '../testing/fake-clock.js';
import { LOG_FILE, SNAPSHOT_FILE } from './persistence.js';
import { stableSingle, syncReq, useHarness } from '../testing/group-harness.js';

const h = useHarness();

function commitSimple(
  groupId: string,
  topic: string,
  partition: number,
  offset: bigint,
  metadata: string | null = null,
): void {
  const r = h.gc.commitOffsets({
    groupId,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [
      {
        name: topic,
        partitions: [
          { partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: 4, committedMetadata: metadata },
        ],
      },
    ],
  });
  expect(r.topics[0].partitions[0].errorCode).toBe(0);
}

const offsetOf = (groupId: string, topic: string, p: number): bigint =>
  h.gc.fetchOffsets(groupId, [{ name: topic, partitionIndexes: [p] }]).topics[0].partitions[0].committedOffset;

describe('persistence', () => {
  it('offsets and groups come back after a restart', async () => {
    commitSimple('simple', 't', 0, 123n, 'meta');
    commitSimple('simple', 't', 0, 124n, 'meta2');
    commitSimple('simple', 'big', 1, 9_007_199_254_740_993n);
    const a = await stableSingle(h, { groupId: 'consumers' });
    h.gc.leaveGroup({ groupId: 'consumers', members: [{ memberId: a.memberId, groupInstanceId: null }] });
    await flush();
    commitSimple('consumers', 't', 2, 5n);
    commitSimple('doomed', 't', 0, 1n);
    h.gc.deleteGroups(['doomed']);

    const gc = h.reopen();
    expect(gc.listGroups()).toEqual([
      { groupId: 'consumers', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' },
      { groupId: 'simple', protocolType: '', groupState: 'Empty', groupType: 'classic' },
    ]);
    expect(gc.fetchOffsets('simple', [{ name: 't', partitionIndexes: [0] }]).topics[0].partitions[0]).toEqual({
      partitionIndex: 0,
      committedOffset: 124n,
      committedLeaderEpoch: 4,
      metadata: 'meta2',
      errorCode: 0,
    });
    expect(offsetOf('simple', 'big', 1)).toBe(9_007_199_254_740_993n);
    expect(offsetOf('consumers', 't', 2)).toBe(5n);
    expect(gc.describeGroup('consumers')).toMatchObject({ groupState: 'Empty', protocolType: 'consumer' });
  });

  it('a Stable group is restored with its members, who keep their generation or expire', async () => {
    const a = await stableSingle(h, {}, Buffer.from('assigned'));
    const gc = h.reopen();
    const d = gc.describeGroup('g');
    expect(d).toMatchObject({ groupState: 'Stable', protocolData: 'range' });
    expect(d.members[0]).toMatchObject({ memberId: a.memberId, clientId: 'client' });
    expect(d.members[0].memberAssignment.toString()).toBe('assigned');
    expect(
      gc.heartbeat({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, groupInstanceId: null })
        .errorCode,
    ).toBe(0);
    const s = await gc.syncGroup(syncReq({ memberId: a.memberId, generationId: a.generationId }));
    expect(s.assignment.toString()).toBe('assigned');
    // Nobody heartbeats any more: the member expires and the group empties.
    await h.clock.advance(11_000);
    await flush();
    expect(gc.describeGroup('g')).toMatchObject({ groupState: 'Empty', members: [] });
    expect(
      gc.heartbeat({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, groupInstanceId: null })
        .errorCode,
    ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a torn last line is ignored and later appends still land', () => {
    commitSimple('g', 't', 0, 1n);
    commitSimple('g', 't', 1, 2n);
    h.gc.close();
    // Simulate kill -9 in the middle of an append (close wrote a snapshot; the log is empty now).
    appendFileSync(
      join(h.dir, LOG_FILE),
      JSON.stringify({ op: 'offsets', group: 'g', offsets: [['t', 0, '77', -1, '', 1]] }) + '\n',
    );
    appendFileSync(join(h.dir, LOG_FILE), '{"op":"offsets","group":"g","offsets":[["t",0,"99"');
    h.reopen();
    expect(offsetOf('g', 't', 0)).toBe(77n);
    expect(offsetOf('g', 't', 1)).toBe(2n);
    commitSimple('g', 't', 1, 3n);
    const gc = h.reopen();
    expect(offsetOf('g', 't', 1)).toBe(3n);
    expect(gc.listGroups()).toHaveLength(1);
  });

  it('acknowledged commits are on disk before close (kill -9 safe)', () => {
    commitSimple('g', 't', 0, 5n);
    // No close: read the log as a crash would leave it.
    const log = readFileSync(join(h.dir, LOG_FILE), 'utf8');
    expect(
      log
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { op: string }),
    ).toEqual([expect.objectContaining({ op: 'offsets', group: 'g' })]);
  });

  it('compacts the log into a snapshot after enough records', () => {
    h.replace({ compactAfterRecords: 5 });
    for (let i = 0; i < 23; i++) commitSimple('g', 't', i % 3, BigInt(i));
    expect(existsSync(join(h.dir, SNAPSHOT_FILE))).toBe(true);
    const lines = readFileSync(join(h.dir, LOG_FILE), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(5);
    h.reopen();
    expect(offsetOf('g', 't', 0)).toBe(21n);
    expect(offsetOf('g', 't', 1)).toBe(22n);
    expect(offsetOf('g', 't', 2)).toBe(20n);
  });

  it('replaying a log already folded into the snapshot is harmless', () => {
    commitSimple('g', 't', 0, 1n);
    commitSimple('gone', 't', 0, 1n);
    h.gc.deleteGroups(['gone']);
    const log = readFileSync(join(h.dir, LOG_FILE), 'utf8');
    h.gc.close(); // writes the snapshot and empties the log
    expect(statSync(join(h.dir, LOG_FILE)).size).toBe(0);
    appendFileSync(join(h.dir, LOG_FILE), log); // crash between snapshot rename and log truncation
    h.reopen();
    expect(h.gc.listGroups().map((g) => g.groupId)).toEqual(['g']);
    expect(offsetOf('g', 't', 0)).toBe(1n);
  });
});
