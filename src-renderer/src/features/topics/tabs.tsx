import type { ComponentType } from 'react';
import type { TopicDetail } from '../../contract.js';
import { TOPIC_TABS, type TopicTab } from '../../lib/sections.js';
import { MessagesTab } from '../messages/MessagesTab.js';
import { ProduceTab } from '../produce/ProduceTab.js';
import { ConfigTable } from './ConfigTable.js';
import { TopicGroupsTab } from '../groups/TopicGroupsTab.js';
import { PartitionsTab } from './PartitionsTab.js';

interface TopicTabProps {
  clusterId: string;
  topic: string;
  detail: TopicDetail | undefined;
}

interface TopicTabEntry {
  id: TopicTab;
  label: string;
  Component: ComponentType<TopicTabProps>;
  /** When the topic's details fail to load, the page shows that error instead of this tab. */
  needsDetail: boolean;
}

// A Record, so a tab id without a component (or a component without an id) does not compile.
const BODIES: Record<TopicTab, Pick<TopicTabEntry, 'Component' | 'needsDetail'>> = {
  partitions: {
    Component: ({ clusterId, detail }) => <PartitionsTab clusterId={clusterId} detail={detail} />,
    needsDetail: true,
  },
  messages: {
    Component: ({ clusterId, topic, detail }) => (
      <MessagesTab clusterId={clusterId} topic={topic} partitionCount={detail?.partitions.length} />
    ),
    needsDetail: true,
  },
  // Sending a record does not need the details: the form stays usable when they fail to load.
  produce: {
    Component: ({ clusterId, topic, detail }) => (
      <ProduceTab clusterId={clusterId} topic={topic} partitionCount={detail?.partitions.length} />
    ),
    needsDetail: false,
  },
  // Configs are read on their own: they stay reachable when the topic's offsets cannot be read.
  configuration: {
    Component: ({ clusterId, topic }) => (
      <ConfigTable clusterId={clusterId} resource={{ type: 'topic', name: topic }} />
    ),
    needsDetail: false,
  },
  // Fed by the lag sampler, not by the topic's details.
  consumers: { Component: TopicGroupsTab, needsDetail: false },
};

/** The topic page's tabs in order; ids and labels come from lib/sections.ts, where the router reads them. */
export const topicTabs: readonly TopicTabEntry[] = TOPIC_TABS.map((t) => ({ ...t, ...BODIES[t.id] }));
