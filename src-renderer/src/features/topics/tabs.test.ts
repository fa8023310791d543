import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../lib/route.js';
import { topicTabs } from './tabs.js';

describe('topic tabs', () => {
  it.each(topicTabs.map((t) => t.id))('%s round-trips through the address', (tab) => {
    const route: Route = { page: 'topic', clusterId: 'c1', topic: 'orders/v1', tab };
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('lists Partitions, Messages, Produce, Consumer groups, Configuration, each once and with a component', () => {
    expect(topicTabs.map((t) => t.label)).toEqual([
      'Partitions',
      'Messages',
      'Produce',
      'Consumer groups',
      'Configuration',
    ]);
    expect(new Set(topicTabs.map((t) => t.id)).size).toBe(topicTabs.length);
    for (const t of topicTabs) expect(typeof t.Component).toBe('function');
  });

  it('falls back to partitions for a tab nobody registered', () => {
    expect(parseRoute('#/clusters/c1/topics/t/nowhere')).toEqual({
      page: 'topic',
      clusterId: 'c1',
      topic: 't',
      tab: 'partitions',
    });
  });
});
