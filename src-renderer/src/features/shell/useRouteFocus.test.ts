import { describe, expect, it } from 'vitest';
import { focusKey } from './useRouteFocus.js';

describe('focusKey', () => {
  it('changes when a page, a section or a topic opens, not when a topic’s tab changes', () => {
    expect(focusKey({ page: 'home' })).not.toBe(focusKey({ page: 'sandbox' }));
    expect(focusKey({ page: 'cluster', clusterId: 'a', section: 'overview' })).not.toBe(
      focusKey({ page: 'cluster', clusterId: 'a', section: 'topics' }),
    );
    expect(focusKey({ page: 'topic', clusterId: 'a', topic: 'orders', tab: 'partitions' })).toBe(
      focusKey({ page: 'topic', clusterId: 'a', topic: 'orders', tab: 'messages' }),
    );
    expect(focusKey({ page: 'topic', clusterId: 'a', topic: 'orders', tab: 'messages' })).not.toBe(
      focusKey({ page: 'topic', clusterId: 'a', topic: 'payments', tab: 'messages' }),
    );
  });
});
