import { InlineField } from '../../components/InlineField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatClock } from '../../lib/time.js';
import { useMessagePage } from '../../queries/messages.js';
import { HeaderRow } from './ActionBar.js';
import { kcatForPage, kcatForStart } from './kcat.js';
import type { ModeProps } from './mode-props.js';
import { PartitionSelect } from './PartitionSelect.js';
import { positionsSummary } from './positions.js';
import { arraySource } from './RowSource.js';
import { StartPicker } from './StartPicker.js';
import { PAGE_SIZES } from './view-state.js';
import { Workbench } from './Workbench.js';

/** Pages of records from any start, Older and Newer from exact per-partition positions. */
export function BrowseMode(p: ModeProps) {
  const { state, update } = p;
  const query = useMessagePage(p.clusterId, p.topic, {
    partitions: state.partitions,
    from: state.from,
    limit: state.limit,
  });
  const page = query.data;
  const messages = page?.messages ?? [];
  const move = (direction: 'older' | 'newer') => {
    if (!page) return;
    const positions = page.partitions.map((x) => ({
      partition: x.partition,
      offset: direction === 'older' ? x.start : x.end,
    }));
    update({ from: { kind: 'positions', direction, positions }, record: null });
  };

  return (
    <>
      <HeaderRow
        {...p}
        linkState={page ? { ...state, from: page.self } : state}
        kcat={(c) =>
          page
            ? kcatForPage(c, p.topic, page.partitions)
            : kcatForStart(c, p.topic, state.partitions, state.from, state.limit)
        }
        exportChoices={
          page && messages.length > 0
            ? [
                {
                  id: 'page',
                  label: `This page (${messages.length} ${messages.length === 1 ? 'record' : 'records'})`,
                  source: {
                    kind: 'ranges',
                    ranges: page.partitions
                      .filter((x) => x.end !== x.start)
                      .map((x) => ({ partition: x.partition, start: x.start, end: x.end })),
                  },
                },
              ]
            : []
        }
      />
      <div className="toolbar">
        <StartPicker
          key={JSON.stringify(state.from)}
          value={state.from}
          onGo={(from) => update({ from, record: null })}
        />
        <PartitionSelect
          value={state.partitions}
          count={p.partitionCount}
          onChange={(partitions) => update({ partitions, record: null })}
        />
        <InlineField label="Show">
          {(id) => (
            <select id={id} value={state.limit} onChange={(e) => update({ limit: Number(e.target.value) })}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n} per page
                </option>
              ))}
            </select>
          )}
        </InlineField>
        <div className="pager" role="group" aria-label="Pages">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => move('older')}
            disabled={!page?.hasOlder || query.isFetching}
          >
            ← Older
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => move('newer')}
            disabled={!page?.hasNewer || query.isFetching}
          >
            Newer →
          </button>
        </div>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Refresh"
          title="Read this page again"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
        >
          ↻
        </button>
      </div>
      <div className="status-line">
        <span role="status" className="muted small">
          {query.isFetching
            ? 'Reading…'
            : page
              ? `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}, newest first${page.partial ? ' (stopped early: the cluster was slow)' : ''} · read at ${formatClock(query.dataUpdatedAt)}`
              : ''}
        </span>
        {page && (
          <span className="small mono muted positions" title={positionsSummary(page.partitions, Infinity)}>
            {positionsSummary(page.partitions, 4)}
          </span>
        )}
        <span className="spacer" />
      </div>
      <ErrorAlert error={query.error} title="Could not read messages" onRetry={() => void query.refetch()} />
      <Workbench
        {...p.workbench}
        rows={arraySource(messages, query.dataUpdatedAt)}
        loading={query.isPending}
        emptyText={
          state.partitions === null
            ? state.from.kind === 'newest'
              ? 'This topic has no messages yet.'
              : 'No messages from this position on.'
            : `No messages in partition ${state.partitions.join(', ')} here.`
        }
      />
    </>
  );
}
