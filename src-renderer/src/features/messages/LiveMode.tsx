import { InlineField } from '../../components/InlineField.js';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { HeaderRow } from './ActionBar.js';
import type { ModeProps } from './mode-props.js';
import { PartitionSelect } from './PartitionSelect.js';
import { useLiveTail } from './useLiveTail.js';
import { Workbench } from './Workbench.js';

const WINDOWS = [1_000, 5_000, 10_000, 50_000];
const n = (x: number) => x.toLocaleString('en-US');

/** New records as they arrive, in a window that keeps the newest N; Pause holds the stream at the broker. */
export function LiveMode(p: ModeProps) {
  const [capacity, setCapacity] = useState(10_000);
  // A new tail (fresh window, from the current end) when what is tailed or the window size changes.
  return (
    <LiveTailView
      key={`${JSON.stringify(p.state.partitions)}/${capacity}`}
      {...p}
      capacity={capacity}
      setCapacity={setCapacity}
    />
  );
}

function LiveTailView({
  capacity,
  setCapacity,
  ...p
}: ModeProps & { capacity: number; setCapacity: (n: number) => void }) {
  const tail = useLiveTail(p.clusterId, p.topic, p.state.partitions, capacity);
  return (
    <>
      <HeaderRow {...p} linkState={p.state} kcat={null} exportChoices={[]} />
      <div className="toolbar">
        <PartitionSelect
          value={p.state.partitions}
          count={p.partitionCount}
          onChange={(partitions) => p.update({ partitions, record: null })}
        />
        <InlineField label="Keep the newest">
          {(id) => (
            <select id={id} value={capacity} onChange={(e) => setCapacity(Number(e.target.value))}>
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {n(w)}
                </option>
              ))}
            </select>
          )}
        </InlineField>
        {tail.running ? (
          <button type="button" className="btn btn-small" onClick={tail.pause}>
            Pause
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-primary" onClick={tail.resume}>
            Resume
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={tail.clear}>
          Clear
        </button>
      </div>
      <div className="status-line">
        <span className={tail.running ? 'live-dot live-dot-on' : 'live-dot'} aria-hidden="true" />
        <span role="status" className="small live-stats">
          {tail.running ? 'Live' : 'Paused'} · <span className="mono">{n(tail.perSecond)}</span> records/s ·{' '}
          <span className="mono">{n(tail.received)}</span> received · <span className="mono">{n(tail.dropped)}</span>{' '}
          dropped from view
          {tail.newer > 0 && (
            <>
              {' '}
              · <span className="mono">{n(tail.newer)}</span> newer above: scroll to the top to follow
            </>
          )}
        </span>
        <span className="spacer" />
      </div>
      <ErrorAlert error={tail.error} title="The live tail stopped" />
      <Workbench
        {...p.workbench}
        rows={tail.rows}
        onAwayFromTop={tail.holdView}
        loading={false}
        emptyText={tail.running ? 'Waiting for new records…' : 'Paused. Resume to continue where the tail stopped.'}
      />
    </>
  );
}
