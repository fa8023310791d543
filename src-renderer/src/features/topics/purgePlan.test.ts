import { describe, expect, it } from 'vitest';
import type { PartitionInfo } from '../../contract.js';
import { planPurge, purgeTotal } from './purgePlan.js';

const p = (partition: number, low: string, high: string): PartitionInfo => ({
  partition,
  leader: 1,
  replicas: [1],
  isr: [1],
  offlineReplicas: [],
  lowWatermark: low,
  highWatermark: high,
});
const parts = [p(0, '10', '25'), p(1, '0', '4'), p(2, '7', '7')];

describe('purge plan', () => {
  it('deletes everything by default: high minus low per partition', () => {
    const rows = planPurge(parts, new Map());
    expect(rows.map((r) => r.deletes)).toEqual([15n, 4n, 0n]);
    expect(purgeTotal(rows)).toBe(19n);
  });

  it('deletes up to a typed offset; below the low watermark nothing goes', () => {
    const rows = planPurge(
      parts,
      new Map([
        [0, '20'],
        [1, '0'],
      ]),
    );
    expect(rows.map((r) => r.deletes)).toEqual([10n, 0n, 0n]);
    expect(purgeTotal(rows)).toBe(10n);
  });

  it('says why an offset cannot be used, and gives no total until it is fixed', () => {
    const rows = planPurge(
      parts,
      new Map([
        [1, '9'],
        [0, 'x'],
      ]),
    );
    expect(rows[1]!.problem).toBe('The partition ends at 4; choose an offset up to 4.');
    expect(rows[0]!.problem).toBe('Enter an offset (a whole number).');
    expect(purgeTotal(rows)).toBeNull();
  });
});
