/** Hash routes: the address survives reloads and every place can be linked to. */
export type TopicTab = 'partitions' | 'messages' | 'produce';
export type ClusterSection = 'overview' | 'topics';

export type Route =
  | { page: 'home' }
  | { page: 'sandbox' }
  | { page: 'cluster'; clusterId: string; section: ClusterSection }
  | { page: 'topic'; clusterId: string; topic: string; tab: TopicTab };

const TABS: TopicTab[] = ['partitions', 'messages', 'produce'];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [first, id, section, topic, tab] = parts;
  if (first === 'sandbox') return { page: 'sandbox' };
  if (first === 'clusters' && id) {
    if (section === 'topics' && topic) {
      return {
        page: 'topic',
        clusterId: id,
        topic,
        tab: TABS.includes(tab as TopicTab) ? (tab as TopicTab) : 'partitions',
      };
    }
    return { page: 'cluster', clusterId: id, section: section === 'topics' ? 'topics' : 'overview' };
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
      return `#/clusters/${encodeURIComponent(route.clusterId)}/topics/${encodeURIComponent(route.topic)}/${route.tab}`;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
