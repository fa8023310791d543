import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TopicSummary } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import { useTopics } from '../../queries/topics.js';

const ROW_HEIGHT = 32;

export function TopicList({ clusterId }: { clusterId: string }) {
  const topics = useTopics(clusterId);
  const [search, setSearch] = useState('');
  // Typing stays instant; filtering 10k names follows a beat behind.
  const deferred = useDeferredValue(search);
  const searchRef = useSlashToFocus();

  const filtered = useMemo(() => filterTopics(topics.data ?? [], deferred), [topics.data, deferred]);

  return (
    <section className="topic-list" aria-labelledby="topics-title">
      <h2 id="topics-title" className="visually-hidden">
        Topics
      </h2>
      <div className="toolbar">
        <input
          ref={searchRef}
          type="search"
          className="search"
          aria-label="Search topics"
          placeholder="Search topics  ( / )"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span role="status" className="muted small">
          {topics.data &&
            (filtered.length === topics.data.length
              ? `${topics.data.length} topics`
              : `${filtered.length} of ${topics.data.length} topics`)}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void topics.refetch()}
          disabled={topics.isFetching}
        >
          Refresh
        </button>
      </div>
      {topics.isError ? (
        <ErrorAlert error={topics.error} title="Could not list topics" onRetry={() => void topics.refetch()} />
      ) : topics.isPending ? (
        <SkeletonRows rows={8} height={ROW_HEIGHT} label="Loading topics" />
      ) : (
        <TopicTable
          clusterId={clusterId}
          topics={filtered}
          emptyText={deferred ? `No topics match “${deferred}”.` : 'This cluster has no topics yet.'}
        />
      )}
    </section>
  );
}

function filterTopics(topics: TopicSummary[], query: string): TopicSummary[] {
  const q = query.trim().toLowerCase();
  return q ? topics.filter((t) => t.name.toLowerCase().includes(q)) : topics;
}

/** `/` jumps to the search box unless the person is typing somewhere. */
function useSlashToFocus() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement;
      if (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) return;
      e.preventDefault();
      ref.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return ref;
}

function TopicTable({
  clusterId,
  topics,
  emptyText,
}: {
  clusterId: string;
  topics: TopicSummary[];
  emptyText: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: topics.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div role="table" aria-label="Topics" aria-rowcount={topics.length + 1} className="vtable topic-table">
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow topic-cols">
          <span role="columnheader">Name</span>
          <span role="columnheader" className="num">
            Partitions
          </span>
          <span role="columnheader" className="num">
            Replicas
          </span>
        </div>
      </div>
      <div ref={scrollRef} className="vtable-scroll">
        {topics.length === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const t = topics[item.index]!;
              return (
                <div
                  key={t.name}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="vrow topic-cols"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: item.size,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span role="cell" className="ellipsis">
                    <a
                      href={routeHref({ page: 'topic', clusterId, topic: t.name, tab: 'partitions' })}
                      className="mono"
                    >
                      {t.name}
                    </a>
                    {t.internal && <span className="tag">internal</span>}
                  </span>
                  <span role="cell" className="num mono">
                    {t.partitionCount}
                  </span>
                  <span role="cell" className="num mono">
                    {t.replicationFactor}
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
