import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PartitionHealthResult, PartitionProblem } from '../../contract.js';
import { routeHref } from '../../lib/route.js';
import { count } from '../../lib/plural.js';
import { ReplicaLegend, ReplicaSet } from '../topics/ReplicaSet.js';

const ROW = 34;

const PROBLEM: Record<PartitionProblem, { label: string; tone: string; meaning: string }> = {
  offline: {
    label: 'offline',
    tone: 'error',
    meaning: 'No leader: nothing can be written to or read from this partition until a replica comes back.',
  },
  'under-min-isr': {
    label: 'under min ISR',
    tone: 'error',
    meaning: 'Fewer in-sync replicas than min.insync.replicas: producers with acks=all get NOT_ENOUGH_REPLICAS.',
  },
  'under-replicated': {
    label: 'under-replicated',
    tone: 'warn',
    meaning: 'A replica fell behind and left the ISR: one more failure could lose the partition or block acks=all.',
  },
};

/** Problem partitions across the cluster, worst first, with a picture of which replicas are in sync. */
export function PartitionHealthPanel({ clusterId, health }: { clusterId: string; health: PartitionHealthResult }) {
  const rows = health.partitions;
  return (
    <div className="partition-health">
      <details className="explain">
        <summary>How to read this: leaders, replicas and the ISR</summary>
        <p>
          Every partition has <strong>replicas</strong> on several brokers. One is the <strong>leader</strong>: it takes
          all reads and writes. The others follow it by fetching what it wrote. Followers that are caught up form the{' '}
          <strong>in-sync replica set (ISR)</strong>; one that lags longer than <code>replica.lag.time.max.ms</code> is
          dropped from it until it catches up.
        </p>
        <p>
          A write with <code>acks=all</code> is confirmed once every ISR member has it, and only while the ISR has at
          least <code>min.insync.replicas</code> members. When a leader fails, the controller elects a new one from the
          ISR, so no confirmed write is lost. (With <code>unclean.leader.election.enable</code>, an out-of-sync replica
          may take over and records are lost.)
        </p>
        <ul>
          {Object.values(PROBLEM).map((p) => (
            <li key={p.label}>
              <span className={`badge badge-${p.tone} badge-flat`}>{p.label}</span> {p.meaning}
            </li>
          ))}
        </ul>
      </details>
      {health.minIsrUnavailable && (
        <p className="note small" role="note">
          {health.minIsrUnavailable}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="ok-text health-ok">
          ✓ All {count(health.partitionCount, 'partition')} of {count(health.topicCount, 'topic')} are healthy: every
          partition has a leader and every replica is in sync.
        </p>
      ) : (
        <ProblemTable clusterId={clusterId} health={health} />
      )}
    </div>
  );
}

/** Up to this many problem rows render as they are; more are virtualized. */
const PLAIN_ROWS = 200;

function ProblemTable({ clusterId, health }: { clusterId: string; health: PartitionHealthResult }) {
  const rows = health.partitions;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > PLAIN_ROWS;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const items = virtual
    ? virtualizer.getVirtualItems().map((v) => ({ index: v.index, start: v.start }))
    : rows.map((_, index) => ({ index, start: index * ROW }));
  return (
    <>
      <div className="toolbar">
        <span className="small" role="status">
          {count(rows.length, 'partition')} with problems
          {health.truncated ? ' (the first ones, worst first)' : ''}
        </span>
        <span className="spacer" />
        <ReplicaLegend />
      </div>
      <div
        role="table"
        aria-label="Partitions with problems"
        aria-rowcount={rows.length + 1}
        className="vtable health-table"
      >
        <div role="rowgroup" className="vtable-head">
          <div role="row" aria-rowindex={1} className="vrow health-cols">
            <span role="columnheader">Topic</span>
            <span role="columnheader" className="num">
              Partition
            </span>
            <span role="columnheader" className="num">
              Leader
            </span>
            <span role="columnheader">Replicas</span>
            <span role="columnheader">ISR</span>
            <span role="columnheader" className="num">
              Min ISR
            </span>
            <span role="columnheader">Problem</span>
          </div>
        </div>
        {/* A fixed height: the scroller is size-contained, and twelve rows show without a page of blank. */}
        <div
          ref={scrollRef}
          className="vtable-scroll"
          style={{ height: Math.min(rows.length, 12) * ROW + 2, flex: 'none' }}
        >
          <div role="rowgroup" style={{ height: rows.length * ROW, position: 'relative' }}>
            {items.map((item) => {
              const p = rows[item.index]!;
              return (
                <div
                  key={`${p.topic}/${p.partition}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="vrow health-cols"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span role="cell" className="ellipsis">
                    <a
                      href={routeHref({ page: 'topic', clusterId, topic: p.topic, tab: 'partitions' })}
                      className="mono"
                    >
                      {p.topic}
                    </a>
                  </span>
                  <span role="cell" className="num mono">
                    {p.partition}
                  </span>
                  <span role="cell" className="num mono">
                    {p.leader ?? <span className="error-text">none</span>}
                  </span>
                  <span role="cell">
                    <ReplicaSet p={p} />
                  </span>
                  <span role="cell" className="mono">
                    {p.isr.join(', ') || <span className="error-text">empty</span>}
                  </span>
                  <span role="cell" className="num mono">
                    {p.minIsr ?? '—'}
                  </span>
                  <span role="cell" className="problems">
                    {p.problems.map((x) => (
                      <span key={x} className={`badge badge-${PROBLEM[x].tone} badge-flat`} title={PROBLEM[x].meaning}>
                        {PROBLEM[x].label}
                      </span>
                    ))}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
