import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_STATE, parseStart, parseViewState, viewStateQuery, type ViewState } from './view-state.js';

describe('messages view state in the address', () => {
  it('defaults make an empty query, and an empty query gives the defaults', () => {
    expect(viewStateQuery(DEFAULT_VIEW_STATE)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW_STATE);
  });

  it.each<Partial<ViewState>>([
    { from: { kind: 'oldest' }, limit: 200 },
    { from: { kind: 'offset', offset: '9223372036854775807' }, partitions: [0, 3] },
    { from: { kind: 'timestamp', timestamp: Date.parse('2024-05-01T12:00:00.000Z') } },
    {
      from: {
        kind: 'positions',
        direction: 'older',
        positions: [
          { partition: 0, offset: '120' },
          { partition: 1, offset: '98' },
        ],
      },
      record: { partition: 1, offset: '97' },
    },
    {
      mode: 'search',
      filter: '$.status == "FAILED" && key ~ /a,b?/',
      scanFrom: { kind: 'timestamp', timestamp: 0 },
      scanTo: { kind: 'offset', offset: '500' },
      maxResults: 10_000,
    },
    { mode: 'live' },
  ])('round-trips %o', (change) => {
    const state = { ...DEFAULT_VIEW_STATE, ...change };
    expect(parseViewState(viewStateQuery(state))).toEqual(state);
  });

  it('ignores what it cannot read', () => {
    expect(parseViewState('from=older:x&n=7&p=a&mode=weird&rec=1&max=0')).toEqual(DEFAULT_VIEW_STATE);
    expect(parseStart('time:yesterday')).toBeNull();
    expect(parseViewState('sfrom=newest').scanFrom).toEqual({ kind: 'oldest' });
  });
});
