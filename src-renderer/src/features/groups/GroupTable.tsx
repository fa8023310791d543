import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GroupSummary } from '../../contract.js';
import { routeHref } from '../../lib/route.js';
import { useSetPinned } from '../../queries/groups.js';
import { formatLag } from './format.js';
import { HealthBadge } from './HealthBadge.js';
import { Sparkline } from './Sparkline.js';

export type SortKey = 'name' | 'type' | 'state' | 'members' | 'lag' | 'status';

const ROW_HEIGHT = 32;

interface Props {
  clusterId: string;
  groups: GroupSummary[];
  lagKnown: boolean;
  sort: { key: SortKey; desc: boolean };
  onSort: (key: SortKey) => void;
  emptyText: string;
}

const COLUMNS: { key: SortKey | null; label: string; className?: string }[] = [
  { key: null, label: 'Pinned' },
  { key: 'name', label: 'Group' },
  { key: 'type', label: 'Type' },
  { key: 'state', label: 'State' },
  { key: null, label: 'Assignor' },
  { key: 'members', label: 'Members', className: 'num' },
  { key: null, label: 'Topics' },
  { key: 'lag', label: 'Lag', className: 'num' },
  { key: 'status', label: 'Status' },
  { key: null, label: 'Last hour' },
];

/** Virtualized: only the rows in view exist in the page, so 2,000 groups scroll like 20. */
export function GroupTable({ clusterId, groups, lagKnown, sort, onSort, emptyText }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pin = useSetPinned();
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div role="table" aria-label="Consumer groups" aria-rowcount={groups.length + 1} className="vtable group-table">
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow group-cols">
          {COLUMNS.map((c) => (
            <span
              key={c.label}
              role="columnheader"
              className={c.className}
              aria-sort={c.key && sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
            >
              {c.key ? (
                <button type="button" className="sort-button" onClick={() => onSort(c.key!)}>
                  {c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === c.key ? (sort.desc ? '▼' : '▲') : ''}
                  </span>
                </button>
              ) : c.key === null && c.label === 'Pinned' ? (
                <span className="visually-hidden">{c.label}</span>
              ) : (
                c.label
              )}
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="vtable-scroll">
        {groups.length === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const g = groups[item.index]!;
              return (
                <div
                  key={g.groupId}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="vrow group-cols"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: item.size,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span role="cell">
                    <button
                      type="button"
                      className={g.pinned ? 'pin pinned' : 'pin'}
                      aria-pressed={g.pinned}
                      aria-label={`Pin ${g.groupId}`}
                      title={
                        g.pinned
                          ? 'Pinned: kept on top, history per partition'
                          : 'Pin: keep on top and record per-partition history'
                      }
                      onClick={() => pin.mutate({ clusterId, groupId: g.groupId, pinned: !g.pinned })}
                    >
                      {g.pinned ? '★' : '☆'}
                    </button>
                  </span>
                  <span role="cell" className="ellipsis">
                    <a href={routeHref({ page: 'group', clusterId, groupId: g.groupId })} className="mono">
                      {g.groupId}
                    </a>
                  </span>
                  <span role="cell">{g.type}</span>
                  <span role="cell" className="ellipsis">
                    {g.state}
                  </span>
                  <span role="cell" className="ellipsis muted" title={g.assignor ?? undefined}>
                    {g.assignor ?? '—'}
                  </span>
                  <span role="cell" className="num mono">
                    {g.memberCount ?? '—'}
                  </span>
                  <span role="cell" className="ellipsis mono small" title={g.topics.join(', ')}>
                    {g.topics.length === 0 ? <span className="muted">—</span> : g.topics.join(', ')}
                  </span>
                  <span role="cell" className="num mono">
                    {lagKnown ? (
                      formatLag(g.totalLag)
                    ) : (
                      <span className="skeleton skeleton-inline" style={{ width: '3em' }} />
                    )}
                  </span>
                  <span role="cell">{lagKnown && <HealthBadge health={g.health} />}</span>
                  <span role="cell">
                    <Sparkline values={g.sparkline} label={`Lag of ${g.groupId} over the last hour`} />
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
