import { describe, expect, it } from 'vitest';
import { parsePartitions, toResetRequest, type ResetForm } from './resetForm.js';

const base: ResetForm = {
  scope: 'all',
  topic: 'orders',
  partitions: '',
  mode: 'earliest',
  datetime: '',
  durationValue: '60',
  durationUnit: 'minutes',
  offset: '0',
  shift: '-100',
};

describe('the reset form', () => {
  it('reads partition lists and ranges', () => {
    expect(parsePartitions('0, 2,5-7')).toEqual([0, 2, 5, 6, 7]);
    expect(parsePartitions('3-1')).toBeNull();
    expect(parsePartitions('a')).toBeNull();
    expect(parsePartitions('')).toBeNull();
  });

  it('builds each mode and scope, and says what is wrong', () => {
    expect(toResetRequest(base)).toEqual({ ok: true, value: { scope: { kind: 'all' }, mode: { kind: 'earliest' } } });
    expect(toResetRequest({ ...base, scope: 'partitions', partitions: '1-2', mode: 'shift', shift: '+5' })).toEqual({
      ok: true,
      value: { scope: { kind: 'partitions', topic: 'orders', partitions: [1, 2] }, mode: { kind: 'shift', by: '5' } },
    });
    expect(toResetRequest({ ...base, mode: 'duration', durationValue: '2', durationUnit: 'hours' })).toMatchObject({
      ok: true,
      value: { mode: { kind: 'duration', ms: 7_200_000 } },
    });
    expect(toResetRequest({ ...base, mode: 'datetime', datetime: '' })).toEqual({
      ok: false,
      error: 'Pick a date and time',
      field: 'datetime',
    });
    expect(toResetRequest({ ...base, scope: 'topic', topic: ' ' })).toMatchObject({ ok: false, field: 'topic' });
    expect(toResetRequest({ ...base, mode: 'offset', offset: '-1' })).toMatchObject({ ok: false, field: 'offset' });
  });
});
