import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonText } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import type { TopicTab } from '../../lib/sections.js';
import { useTopic } from '../../queries/topics.js';
import { navigate } from '../shell/useRoute.js';
import { count } from '../../lib/plural.js';
import { topicTabs } from './tabs.js';
import { TopicActions } from './TopicActions.js';
import './topics.css';

export function TopicPage({ clusterId, topic, tab }: { clusterId: string; topic: string; tab: TopicTab }) {
  const detail = useTopic(clusterId, topic, { live: true });
  const { Component, needsDetail } = topicTabs.find((t) => t.id === tab)!;
  return (
    <section className="topic-page" aria-labelledby="topic-title">
      <div className="topic-header">
        <a href={routeHref({ page: 'cluster', clusterId, section: 'topics' })} className="small">
          ← All topics
        </a>
        <h2 id="topic-title" className="mono topic-name" tabIndex={-1}>
          {topic}
        </h2>
        {detail.data?.internal && <span className="tag">internal</span>}
        <span className="muted small topic-summary">
          {detail.data ? (
            `${count(detail.data.partitions.length, 'partition')} · ${count(detail.data.messageCount, 'message')}`
          ) : (
            <SkeletonText width="14em" />
          )}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-quiet"
          onClick={() => void detail.refetch()}
          disabled={detail.isFetching}
          aria-label="Refresh topic"
          title={detail.dataUpdatedAt ? `Updated ${new Date(detail.dataUpdatedAt).toLocaleTimeString()}` : undefined}
        >
          Refresh
        </button>
        <TopicActions clusterId={clusterId} detail={detail.data} />
      </div>
      <Tabs
        label="Topic"
        idPrefix="topic"
        tabs={topicTabs}
        selected={tab}
        onSelect={(t) => navigate({ page: 'topic', clusterId, topic, tab: t })}
      />
      <div {...tabPanelProps('topic', tab)} className="tab-panel">
        {detail.isError && needsDetail ? (
          <ErrorAlert error={detail.error} title="Could not load the topic" onRetry={() => void detail.refetch()} />
        ) : (
          <Component clusterId={clusterId} topic={topic} detail={detail.data} />
        )}
      </div>
    </section>
  );
}
