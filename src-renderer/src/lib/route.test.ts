import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route.js';

describe('hash routes', () => {
  it.each<Route>([
    { page: 'home' },
    { page: 'sandbox' },
    { page: 'cluster', clusterId: 'c 1', section: 'overview' },
    { page: 'cluster', clusterId: 'c1', section: 'topics' },
    { page: 'topic', clusterId: 'c1', topic: 'orders.v1', tab: 'messages' },
    { page: 'topic', clusterId: 'c1', topic: 'a/b', tab: 'produce' },
    {
      page: 'topic',
      clusterId: 'c1',
      topic: 't',
      tab: 'messages',
      query: 'from=older%3A0%3D12&q=%24.a%20%3D%3D%20%22x%3Fy%22',
    },
    { page: 'group', clusterId: 'c1', groupId: 'payments/consumer#1' },
  ])('round-trips %o', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('falls back sensibly', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'home' });
    expect(parseRoute('#/clusters/c1')).toEqual({ page: 'cluster', clusterId: 'c1', section: 'overview' });
    expect(parseRoute('#/clusters/c1/topics/t/bogus')).toEqual({
      page: 'topic',
      clusterId: 'c1',
      topic: 't',
      tab: 'partitions',
    });
  });
});
