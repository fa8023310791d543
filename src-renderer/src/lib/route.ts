/** Hash routes: the address survives reloads and every place can be linked to. */
import { CLUSTER_SECTIONS, TOPIC_TABS, type ClusterSection, type TopicTab } from './sections.js';

export type Route =
  | { page: 'home' }
  | { page: 'sandbox' }
  | { page: 'cluster'; clusterId: string; section: ClusterSection }
  /** `query`: the tab's own state (e.g. the messages position), `a=1&b=2`, so it can be linked. */
  | { page: 'topic'; clusterId: string; topic: string; tab: TopicTab; query?: string }
  | { page: 'group'; clusterId: string; groupId: string };

export function parseRoute(hash: string): Route {
  const [path = '', query] = hash.split(/\?(.*)/s, 2);
  const parts = path.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [first, id, section, topic, tab] = parts;
  if (first === 'sandbox') return { page: 'sandbox' };
  if (first === 'clusters' && id) {
    if (section === 'topics' && topic) {
      const route: Route = { page: 'topic', clusterId: id, topic, tab: known(TOPIC_TABS, tab) ?? 'partitions' };
      return query ? { ...route, query } : route;
    }
    if (section === 'groups' && topic) return { page: 'group', clusterId: id, groupId: topic };
    return { page: 'cluster', clusterId: id, section: known(CLUSTER_SECTIONS, section) ?? 'overview' };
  }
  return { page: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'sandbox':
      return '#/sandbox';
    case 'cluster':
      return `#/clusters/${encodeURIComponent(route.clusterId)}/${route.section}`;
    case 'topic':
      return `#/clusters/${encodeURIComponent(route.clusterId)}/topics/${encodeURIComponent(route.topic)}/${route.tab}${route.query ? `?${route.query}` : ''}`;
    case 'group':
      return `#/clusters/${encodeURIComponent(route.clusterId)}/groups/${encodeURIComponent(route.groupId)}`;
  }
}

/** The registered id `value` names, if any. */
function known<T extends string>(entries: readonly { id: T }[], value: string | undefined): T | undefined {
  return entries.find((e) => e.id === value)?.id;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
