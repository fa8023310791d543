/**
 * The cluster page's sections and the topic page's tabs, in display order. The router accepts exactly these ids;
 * features/clusters/sections.ts and features/topics/tabs.tsx give each one its component.
 */
export const CLUSTER_SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'topics', label: 'Topics' },
  { id: 'groups', label: 'Consumer groups' },
  { id: 'brokers', label: 'Brokers' },
] as const;

export const TOPIC_TABS = [
  { id: 'partitions', label: 'Partitions' },
  { id: 'messages', label: 'Messages' },
  { id: 'produce', label: 'Produce' },
  { id: 'consumers', label: 'Consumer groups' },
  { id: 'configuration', label: 'Configuration' },
] as const;

export type ClusterSection = (typeof CLUSTER_SECTIONS)[number]['id'];
export type TopicTab = (typeof TOPIC_TABS)[number]['id'];
