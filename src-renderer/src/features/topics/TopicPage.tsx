import { Tabs, tabPanelProps, type TabItem } from '../../components/Tabs.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonText } from '../../components/Skeleton.js';
import { formatCount } from '../../lib/offsets.js';
import { routeHref, type TopicTab } from '../../lib/route.js';
import { useTopic } from '../../queries/topics.js';
import { MessagesTab } from '../messages/MessagesTab.js';
import { ProduceTab } from '../produce/ProduceTab.js';
import { navigate } from '../shell/useRoute.js';
import { PartitionsTab } from './PartitionsTab.js';

const TABS: TabItem<TopicTab>[] = [
  { id: 'partitions', label: 'Partitions' },
  { id: 'messages', label: 'Messages' },
  { id: 'produce', label: 'Produce' },
];

export function TopicPage({ clusterId, topic, tab }: { clusterId: string; topic: string; tab: TopicTab }) {
  const detail = useTopic(clusterId, topic);
  return (
    <section className="topic-page" aria-labelledby="topic-title">
      <div className="topic-header">
        <a href={routeHref({ page: 'cluster', clusterId, section: 'topics' })} className="small">
          ← All topics
        </a>
        <h2 id="topic-title" className="mono topic-name">
          {topic}
        </h2>
        {detail.data?.internal && <span className="tag">internal</span>}
        <span className="muted small">
          {detail.data ? (
            `${detail.data.partitions.length} partitions · ${formatCount(detail.data.messageCount)} messages`
          ) : (
            <SkeletonText width="14em" />
          )}
        </span>
      </div>
      <Tabs
        label="Topic"
        idPrefix="topic"
        tabs={TABS}
        selected={tab}
        onSelect={(t) => navigate({ page: 'topic', clusterId, topic, tab: t })}
      />
      <div {...tabPanelProps('topic', tab)} className="tab-panel">
        {detail.isError && tab !== 'produce' ? (
          <ErrorAlert error={detail.error} title="Could not load the topic" onRetry={() => void detail.refetch()} />
        ) : tab === 'partitions' ? (
          <PartitionsTab detail={detail.data} />
        ) : tab === 'messages' ? (
          <MessagesTab clusterId={clusterId} topic={topic} partitionCount={detail.data?.partitions.length} />
        ) : (
          <ProduceTab clusterId={clusterId} topic={topic} partitionCount={detail.data?.partitions.length} />
        )}
      </div>
    </section>
  );
}
