import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SkeletonText } from '../../components/Skeleton.js';
import { routeHref } from '../../lib/route.js';
import { nextSort, type SortKey, type SortState, type TopicRow } from './topicListModel.js';
import { formatSize } from './units.js';

export const ROW_HEIGHT = 32;

const COLUMNS: { key: SortKey; label: string; numeric: boolean; title?: string }[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'partitions', label: 'Partitions', numeric: true },
  { key: 'replicas', label: 'Replicas', numeric: true, title: 'Replication factor: copies of each partition' },
  {
    key: 'messages',
    label: 'Messages',
    numeric: true,
    title: 'High watermark minus low watermark, over all partitions',
  },
  { key: 'size', label: 'Size', numeric: true, title: 'Bytes on disk, all replicas' },
  { key: 'health', label: 'Health', numeric: false },
];

interface Props {
  clusterId: string;
  rows: TopicRow[];
  sort: SortState;
  onSort: (s: SortState) => void;
  statsLoading: boolean;
  sizeUnavailable: string | null;
  emptyText: string;
}

export function TopicTable({ clusterId, rows, sort, onSort, statsLoading, sizeUnavailable, emptyText }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div role="table" aria-label="Topics" aria-rowcount={rows.length + 1} className="vtable topic-table">
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow topic-cols">
          {COLUMNS.map((c) => (
            <span
              key={c.key}
              role="columnheader"
              className={c.numeric ? 'num' : undefined}
              aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                className="sort-button"
                title={c.key === 'size' && sizeUnavailable ? sizeUnavailable : c.title}
                onClick={() => onSort(nextSort(sort, c.key))}
              >
                {/* Numbers align right: their arrow goes first so the label ends where the figures do. */}
                {c.numeric && <SortArrow sort={sort} k={c.key} />}
                {c.label}
                {!c.numeric && <SortArrow sort={sort} k={c.key} />}
              </button>
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="vtable-scroll">
        {rows.length === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const t = rows[item.index]!;
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
                      title={t.name}
                    >
                      {t.name}
                    </a>
                    {t.internal && <span className="tag">internal</span>}
                  </span>
                  <span role="cell" className="num mono">
                    {t.partitionCount.toLocaleString('en-US')}
                  </span>
                  <span role="cell" className="num mono">
                    {t.replicationFactor}
                  </span>
                  <span role="cell" className="num mono">
                    {t.messages !== null ? (
                      t.messages.toLocaleString('en-US')
                    ) : statsLoading ? (
                      <SkeletonText width="4em" />
                    ) : (
                      <span className="muted" title="The offsets of a partition could not be read">
                        —
                      </span>
                    )}
                  </span>
                  <span role="cell" className="num mono">
                    {t.sizeBytes !== null ? (
                      formatSize(t.sizeBytes)
                    ) : statsLoading ? (
                      <SkeletonText width="3em" />
                    ) : (
                      <span className="muted" title={sizeUnavailable ?? 'Not reported'}>
                        —
                      </span>
                    )}
                  </span>
                  <span role="cell" className="topic-health">
                    <HealthBadges t={t} />
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

function SortArrow({ sort, k }: { sort: SortState; k: SortKey }) {
  return (
    <span className="sort-arrow" aria-hidden="true">
      {sort.key === k ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
    </span>
  );
}

function HealthBadges({ t }: { t: TopicRow }) {
  const underMin = t.underMinIsrPartitions ?? 0;
  if (t.offlinePartitions === 0 && t.underReplicatedPartitions === 0 && underMin === 0)
    return <span className="muted small">OK</span>;
  return (
    <>
      {underMin > 0 && (
        <span
          className="badge badge-error badge-flat"
          title={`${underMin} partitions with fewer in-sync replicas than min.insync.replicas: acks=all writes fail`}
        >
          {underMin} under min ISR
        </span>
      )}
      {t.offlinePartitions > 0 && (
        <span className="badge badge-error badge-flat" title={`${t.offlinePartitions} partitions without a leader`}>
          {t.offlinePartitions} offline
        </span>
      )}
      {t.underReplicatedPartitions > 0 && (
        <span
          className="badge badge-warn badge-flat"
          title={`${t.underReplicatedPartitions} partitions with a replica out of sync`}
        >
          {t.underReplicatedPartitions} under-replicated
        </span>
      )}
    </>
  );
}
