import { describe, expect, it } from 'vitest';
import { assignmentOf, partitionCount, type Assignment } from './assignment.js';
import { loads, rangeAssignor, uniformAssignor, type AssignorMember } from './consumer-assignors.js';

const member = (
  memberId: string,
  topics: string[],
  previous: Assignment = new Map(),
  instanceId: string | null = null,
): AssignorMember => ({
  memberId,
  instanceId,
  topics: new Set(topics),
  previous,
});

function everyPartitionOnce(result: Map<string, Assignment>, topics: Record<string, number>): void {
  const seen = new Set<string>();
  for (const a of result.values()) {
    for (const [t, ps] of a) {
      for (const p of ps) {
        const key = `${t}:${p}`;
        expect(seen.has(key), `${key} assigned twice`).toBe(false);
        seen.add(key);
      }
    }
  }
  expect(seen.size).toBe(Object.values(topics).reduce((a, b) => a + b, 0));
}

describe('uniform assignor', () => {
  const topics = new Map([
    ['a', 4],
    ['b', 3],
  ]);

  it('spreads partitions evenly when everyone subscribes to the same topics', () => {
    const r = uniformAssignor([member('m1', ['a', 'b']), member('m2', ['a', 'b']), member('m3', ['a', 'b'])], topics);
    everyPartitionOnce(r, { a: 4, b: 3 });
    expect(Object.values(loads(r)).sort()).toEqual([2, 2, 3]);
  });

  it('is sticky: a new member takes only what it needs, the others keep the rest', () => {
    const first = uniformAssignor([member('m1', ['a', 'b']), member('m2', ['a', 'b'])], topics);
    const next = uniformAssignor(
      [member('m1', ['a', 'b'], first.get('m1')), member('m2', ['a', 'b'], first.get('m2')), member('m3', ['a', 'b'])],
      topics,
    );
    everyPartitionOnce(next, { a: 4, b: 3 });
    let moved = 0;
    for (const id of ['m1', 'm2']) {
      for (const [t, ps] of first.get(id)!) for (const p of ps) if (!next.get(id)!.get(t)?.includes(p)) moved++;
    }
    expect(moved).toBe(partitionCount(next.get('m3')!));
    expect(partitionCount(next.get('m3')!)).toBe(2);
  });

  it('gives a partition only to members subscribed to its topic, balanced as far as subscriptions allow', () => {
    const r = uniformAssignor([member('m1', ['a']), member('m2', ['a', 'b']), member('m3', ['b'])], topics);
    everyPartitionOnce(r, { a: 4, b: 3 });
    expect(r.get('m1')!.has('b')).toBe(false);
    expect(r.get('m3')!.has('a')).toBe(false);
    const l = Object.values(loads(r));
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
  });

  it('drops partitions of topics that are gone or no longer subscribed', () => {
    const previous = assignmentOf([
      ['a', [0, 1, 2, 3]],
      ['gone', [0]],
    ]);
    const r = uniformAssignor([member('m1', ['b'], previous)], topics);
    expect([...r.get('m1')!.keys()]).toEqual(['b']);
  });
});

describe('range assignor', () => {
  it('co-partitions: each member gets the same partition numbers of every topic', () => {
    const topics = new Map([
      ['a', 3],
      ['b', 3],
    ]);
    const r = rangeAssignor([member('m2', ['a', 'b']), member('m1', ['a', 'b'])], topics);
    expect(r.get('m1')).toEqual(
      assignmentOf([
        ['a', [0, 1]],
        ['b', [0, 1]],
      ]),
    );
    expect(r.get('m2')).toEqual(
      assignmentOf([
        ['a', [2]],
        ['b', [2]],
      ]),
    );
  });

  it('orders static members first, by instance id', () => {
    const r = rangeAssignor([member('a-dyn', ['t']), member('z', ['t'], new Map(), 'instance-1')], new Map([['t', 2]]));
    expect(r.get('z')).toEqual(assignmentOf([['t', [0]]]));
    expect(r.get('a-dyn')).toEqual(assignmentOf([['t', [1]]]));
  });

  it('splits each topic among its own subscribers', () => {
    const r = rangeAssignor(
      [member('m1', ['a']), member('m2', ['a', 'b'])],
      new Map([
        ['a', 4],
        ['b', 2],
      ]),
    );
    expect(r.get('m1')).toEqual(assignmentOf([['a', [0, 1]]]));
    expect(r.get('m2')).toEqual(
      assignmentOf([
        ['a', [2, 3]],
        ['b', [0, 1]],
      ]),
    );
  });
});
