import { InlineField } from '../../components/InlineField.js';
import { useState } from 'react';
import { parseFilter, type End, type Start } from '../../contract.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { HeaderRow } from './ActionBar.js';
import { FilterInput } from './FilterInput.js';
import type { ModeProps } from './mode-props.js';
import { PartitionSelect } from './PartitionSelect.js';
import { RangePicker } from './RangePicker.js';
import { SearchProgress } from './SearchProgress.js';
import { useSearch, type SearchRun } from './useSearch.js';
import { Workbench } from './Workbench.js';

const MAX_RESULTS = [100, 500, 1_000, 5_000, 10_000];
const KEEP_AT_MOST = 10_000;

/**
 * A server-side scan with a filter: matches stream in with progress and Cancel stops the scan on
 * the broker side. The window keeps at most 10,000 results; Export writes every match to a file.
 */
export function SearchMode(p: ModeProps) {
  const { state, update } = p;
  const [filter, setFilter] = useState(state.filter);
  const [range, setRange] = useState<{ from: Start; to: End }>({ from: state.scanFrom, to: state.scanTo });
  const [run, setRun] = useState<SearchRun | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const search = useSearch(p.clusterId, p.topic, run);
  const valid = parseFilter(filter).ok;

  const start = () => {
    if (!valid) return;
    update({ filter, scanFrom: range.from, scanTo: range.to });
    setCancelled(false);
    setRun({
      run: Date.now(),
      partitions: state.partitions,
      from: range.from,
      to: range.to,
      filter,
      maxResults: state.maxResults,
    });
  };
  const resume = search.done?.resume ?? null;
  const canContinue = resume !== null && search.rows.count < KEEP_AT_MOST;

  return (
    <>
      <HeaderRow
        {...p}
        linkState={{ ...state, filter, scanFrom: range.from, scanTo: range.to }}
        kcat={null}
        exportChoices={
          valid
            ? [
                {
                  id: 'search',
                  label: 'Every record this search matches (read again on the server, however many)',
                  source: {
                    kind: 'search',
                    scan: { partitions: state.partitions, from: range.from, to: range.to, filter },
                  },
                },
              ]
            : []
        }
      />
      <div className="search-bar">
        <FilterInput value={filter} onChange={setFilter} onSubmit={start} />
        <div className="toolbar">
          <RangePicker value={range} onChange={setRange} />
          <PartitionSelect
            value={state.partitions}
            count={p.partitionCount}
            onChange={(partitions) => update({ partitions })}
          />
          <InlineField label="Keep at most">
            {(id) => (
              <select id={id} value={state.maxResults} onChange={(e) => update({ maxResults: Number(e.target.value) })}>
                {MAX_RESULTS.map((m) => (
                  <option key={m} value={m}>
                    {m.toLocaleString('en-US')}
                  </option>
                ))}
              </select>
            )}
          </InlineField>
          {search.running ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setRun(null);
                setCancelled(true);
              }}
            >
              Cancel
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-primary" onClick={start} disabled={!valid}>
              Search
            </button>
          )}
          {!search.running && canContinue && run && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                setRun({
                  ...run,
                  run: Date.now(),
                  append: true,
                  from: { kind: 'positions', direction: 'newer', positions: resume },
                  maxResults: Math.min(run.maxResults ?? 500, KEEP_AT_MOST - search.rows.count),
                })
              }
            >
              Continue
            </button>
          )}
        </div>
      </div>
      <div className="status-line">
        <SearchProgress
          running={search.running}
          progress={search.progress}
          done={search.done}
          cancelled={cancelled}
          matches={search.rows.count}
        />
        <span className="spacer" />
      </div>
      <ErrorAlert error={search.error} title="The search stopped" />
      <Workbench
        {...p.workbench}
        rows={search.rows}
        loading={false}
        emptyText={
          run === null && !search.done
            ? 'Write a filter (or none, for every record) and press Search.'
            : search.running
              ? 'No matches yet…'
              : 'No record matches.'
        }
      />
    </>
  );
}
