import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useTopics, useTopicStats } from '../../queries/topics.js';
import { CreateTopicDialog } from './CreateTopicDialog.js';
import { ROW_HEIGHT, TopicTable } from './TopicTable.js';
import { buildRows, filterRows, keyTopics, sortRows, type HealthFilter, type SortState } from './topicListModel.js';
import './topics.css';

const HEALTH_FILTERS: { id: HealthFilter; label: string }[] = [
  { id: 'all', label: 'All topics' },
  { id: 'problems', label: 'With problems' },
  { id: 'under-replicated', label: 'Under-replicated' },
  { id: 'under-min-isr', label: 'Under min ISR' },
  { id: 'offline', label: 'Offline partitions' },
];

export function TopicList({ clusterId }: { clusterId: string }) {
  const topics = useTopics(clusterId, { live: true });
  // Stats cost a request per broker: asked once the list is there, refreshed in the background.
  const stats = useTopicStats(clusterId, { enabled: topics.isSuccess });
  const [search, setSearch] = useState('');
  const [health, setHealth] = useState<HealthFilter>('all');
  const [showInternal, setShowInternal] = useState(false);
  const [sort, setSort] = useState<SortState>({ key: 'name', dir: 'asc' });
  const [creating, setCreating] = useState(false);
  // Typing stays instant; filtering 10k names follows a beat behind.
  const query = useDeferredValue(search);
  const searchRef = useSlashToFocus();

  // Keys once per list; stats refreshes only join their figures in. React Query keeps unchanged
  // answers by reference, so a background refresh that changed nothing recomputes nothing.
  const keyed = useMemo(() => keyTopics(topics.data ?? []), [topics.data]);
  const statsTopics = stats.data?.topics;
  const rows = useMemo(() => buildRows(keyed, statsTopics), [keyed, statsTopics]);
  const internalCount = useMemo(() => rows.filter((r) => r.internal).length, [rows]);
  const visible = useMemo(
    () => sortRows(filterRows(rows, { query, health, showInternal }), sort),
    [rows, query, health, showInternal, sort],
  );
  const listed = showInternal ? rows.length : rows.length - internalCount;
  const filtered = query.trim() !== '' || health !== 'all';

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
        <select
          aria-label="Show topics"
          className="select-small"
          value={health}
          onChange={(e) => setHealth(e.target.value as HealthFilter)}
        >
          {HEALTH_FILTERS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <label className="checkbox small">
          <input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} />
          Internal topics{internalCount > 0 ? ` (${internalCount})` : ''}
        </label>
        <span role="status" className="muted small">
          {topics.data &&
            (filtered ? `${visible.length.toLocaleString('en-US')} of ${countText(listed)}` : countText(listed))}
        </span>
        <span className="spacer" />
        <RefreshedAt at={topics.dataUpdatedAt} busy={topics.isFetching || stats.isFetching} />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            void topics.refetch();
            void stats.refetch();
          }}
          disabled={topics.isFetching}
        >
          Refresh
        </button>
        <button type="button" className="btn btn-small btn-primary" onClick={() => setCreating(true)}>
          Create topic
        </button>
      </div>
      {topics.isError ? (
        <ErrorAlert error={topics.error} title="Could not list topics" onRetry={() => void topics.refetch()} />
      ) : topics.isPending ? (
        <SkeletonRows rows={8} height={ROW_HEIGHT} label="Loading topics" />
      ) : (
        <TopicTable
          clusterId={clusterId}
          rows={visible}
          sort={sort}
          onSort={setSort}
          statsLoading={stats.isPending}
          sizeUnavailable={stats.data?.sizeUnavailable ?? (stats.isError ? stats.error.message : null)}
          emptyText={
            filtered
              ? `No topics match${query.trim() ? ` “${query.trim()}”` : ''}${health !== 'all' ? ' with that filter' : ''}.`
              : 'This cluster has no topics yet.'
          }
        />
      )}
      {stats.isError && (
        <p className="muted small" role="note">
          Messages and sizes could not be read: {stats.error.message}
        </p>
      )}
      {creating && <CreateTopicDialog clusterId={clusterId} onClose={() => setCreating(false)} />}
    </section>
  );
}

const countText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'topic' : 'topics'}`;

/** "Updated 14:32:05" so a person can tell cached figures from fresh ones; busy while a refresh runs. */
function RefreshedAt({ at, busy }: { at: number; busy: boolean }) {
  if (!at) return null;
  return (
    <span className="muted small refreshed" aria-live="off">
      {busy ? 'Refreshing…' : `Updated ${new Date(at).toLocaleTimeString()}`}
    </span>
  );
}

/** `/` jumps to the search box unless the person is typing somewhere. */
function useSlashToFocus() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement;
      if (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      ref.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return ref;
}
