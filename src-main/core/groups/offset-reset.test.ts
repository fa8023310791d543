import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.js';
import { planRows, refuseWhileActive, type ResetInputs } from './offset-reset.js';

const inputs = (committed: Record<number, number>): ResetInputs => ({
  committed: new Map([['orders', new Map(Object.entries(committed).map(([p, o]) => [Number(p), o]))]]),
  scope: new Map([['orders', [1, 0]]]),
  offsets: new Map([
    [
      'orders',
      new Map([
        [0, { start: 10, end: 100 }],
        [1, { start: 0, end: 50 }],
      ]),
    ],
  ]),
  forTime: new Map([
    [
      'orders',
      new Map([
        [0, 40],
        [1, 50],
      ]),
    ],
  ]),
});

describe('planning an offset reset', () => {
  it('resolves each mode per partition, in partition order, with lag after', () => {
    const i = inputs({ 0: 60, 1: 20 });
    const target = (mode: Parameters<typeof planRows>[0]) => planRows(mode, i).map((r) => r.target);
    expect(target({ kind: 'earliest' })).toEqual(['10', '0']);
    expect(target({ kind: 'latest' })).toEqual(['100', '50']);
    expect(target({ kind: 'current' })).toEqual(['60', '20']);
    expect(target({ kind: 'datetime', timestamp: 1 })).toEqual(['40', '50']);
    expect(target({ kind: 'shift', by: '-5' })).toEqual(['55', '15']);
    expect(planRows({ kind: 'offset', offset: '30' }, i)).toEqual([
      {
        topic: 'orders',
        partition: 0,
        current: '60',
        target: '30',
        logStart: '10',
        logEnd: '100',
        lagAfter: '70',
        note: null,
      },
      {
        topic: 'orders',
        partition: 1,
        current: '20',
        target: '30',
        logStart: '0',
        logEnd: '50',
        lagAfter: '20',
        note: null,
      },
    ]);
  });

  it('clamps to the log and says so', () => {
    const rows = planRows({ kind: 'shift', by: '-1000' }, inputs({ 0: 60, 1: 20 }));
    expect(rows.map((r) => [r.target, r.note])).toEqual([
      ['10', '-940 is before the log start; clamped to 10.'],
      ['0', '-980 is before the log start; clamped to 0.'],
    ]);
    expect(planRows({ kind: 'offset', offset: '999' }, inputs({}))[0]!.note).toBe(
      '999 is past the log end; clamped to 100.',
    );
  });

  it('uses the log end for "current" without a commit, and refuses to shift from nothing', () => {
    expect(planRows({ kind: 'current' }, inputs({ 0: 60 }))[1]).toMatchObject({
      target: '50',
      note: 'No committed offset: the log end is used.',
    });
    expect(() => planRows({ kind: 'shift', by: '1' }, inputs({ 0: 60 }))).toThrow(
      /Cannot shift orders\[1\]: the group has no committed offset there/,
    );
  });

  it('refuses while members are active, naming them', () => {
    const member = (id: string) => ({
      memberId: id,
      instanceId: null,
      clientId: `app-${id}`,
      host: '10.0.0.9',
      assignment: [],
    });
    expect(() => refuseWhileActive('g', undefined)).not.toThrow();
    try {
      refuseWhileActive('g', {
        groupId: 'g',
        type: 'classic',
        state: 'Stable',
        protocolType: 'consumer',
        assignor: 'range',
        epoch: null,
        coordinator: 1,
        members: [member('a'), member('b')],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toBe(
        'Group "g" has 2 active members (app-a on 10.0.0.9, app-b on 10.0.0.9). Offsets can be reset only while no consumer of the group runs: stop them first, then try again.',
      );
    }
  });
});
