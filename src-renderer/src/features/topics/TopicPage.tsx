import { useEffect, useRef } from 'react';
import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonText } from '../../components/Skeleton.js';
import { formatCount } from '../../lib/offsets.js';
import { routeHref } from '../../lib/route.js';
import type { TopicTab } from '../../lib/sections.js';
import { useTopic } from '../../queries/topics.js';
import { navigate } from '../shell/useRoute.js';
import { topicTabs } from './tabs.js';

export function TopicPage({ clusterId, topic, tab }: { clusterId: string; topic: string; tab: TopicTab }) {
  const detail = useTopic(clusterId, topic);
  // Opening a topic moves keyboard focus to its name, not to the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), [clusterId, topic]);
  const { Component, needsDetail } = topicTabs.find((t) => t.id === tab)!;
  return (
    <section className="topic-page" aria-labelledby="topic-title">
      <div className="topic-header">
        <a href={routeHref({ page: 'cluster', clusterId, section: 'topics' })} className="small">
          ← All topics
        </a>
        <h2 id="topic-title" className="mono topic-name" tabIndex={-1} ref={heading}>
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
