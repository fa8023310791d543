import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../lib/route.js';
import { clusterSections } from './sections.js';

describe('cluster sections', () => {
  it.each(clusterSections.map((s) => s.id))('%s round-trips through the address', (section) => {
    const route: Route = { page: 'cluster', clusterId: 'c 1', section };
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('lists Overview first, then Topics, Consumer groups and Brokers, each once and with a component', () => {
    expect(clusterSections.map((s) => s.label)).toEqual(['Overview', 'Topics', 'Consumer groups', 'Brokers']);
    expect(new Set(clusterSections.map((s) => s.id)).size).toBe(clusterSections.length);
    for (const s of clusterSections) expect(typeof s.Component).toBe('function');
  });

  it('falls back to the overview for a section nobody registered', () => {
    expect(parseRoute('#/clusters/c1/nowhere')).toEqual({ page: 'cluster', clusterId: 'c1', section: 'overview' });
    expect(parseRoute('#/clusters/c1/toString')).toEqual({ page: 'cluster', clusterId: 'c1', section: 'overview' });
  });
});
