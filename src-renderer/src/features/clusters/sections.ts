import type { ComponentType } from 'react';
import { CLUSTER_SECTIONS, type ClusterSection } from '../../lib/sections.js';
import { GroupList } from '../groups/GroupList.js';
import { TopicList } from '../topics/TopicList.js';
import { BrokersSection } from './BrokersSection.js';
import { OverviewSection } from './OverviewSection.js';

interface ClusterSectionEntry {
  id: ClusterSection;
  label: string;
  Component: ComponentType<{ clusterId: string }>;
}

// A Record, so a section id without a component (or a component without an id) does not compile.
const COMPONENTS: Record<ClusterSection, ClusterSectionEntry['Component']> = {
  overview: OverviewSection,
  topics: TopicList,
  groups: GroupList,
  brokers: BrokersSection,
};

/** The cluster page's sections in nav order; ids and labels come from lib/sections.ts, where the router reads them. */
export const clusterSections: readonly ClusterSectionEntry[] = CLUSTER_SECTIONS.map((s) => ({
  ...s,
  Component: COMPONENTS[s.id],
}));
