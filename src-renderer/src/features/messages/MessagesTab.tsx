import { useCallback, useMemo, useState } from 'react';
import type { Position, TopicViewSettings } from '../../contract.js';
import { DEFAULT_VIEW, useSaveViewSettings, useViewSettings } from '../../queries/messages.js';
import { useConnections } from '../../queries/connections.js';
import { navigate, useRoute } from '../shell/useRoute.js';
import { BrowseMode } from './BrowseMode.js';
import { LiveMode } from './LiveMode.js';
import { SearchMode } from './SearchMode.js';
import { TimeModeSelect } from './TimeModeSelect.js';
import { useTimeMode } from './useTimeMode.js';
import { parseViewState, viewStateQuery, type Mode, type ViewState } from './view-state.js';
import type { ModeProps } from './mode-props.js';
import './messages.css';

interface Props {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
}

const MODES: { id: Mode; label: string }[] = [
  { id: 'browse', label: 'Browse' },
  { id: 'live', label: 'Live tail' },
  { id: 'search', label: 'Search' },
];

/**
 * The message workbench: browse pages from any position, tail new records live, or search the
 * whole topic on the server. What is shown lives in the address, so every view can be linked.
 */
export function MessagesTab(props: Props) {
  // Another topic is another workbench: nothing ticked, searched or tailed carries over.
  return <TopicWorkbench key={`${props.clusterId}/${props.topic}`} {...props} />;
}

function TopicWorkbench({ clusterId, topic, partitionCount }: Props) {
  const route = useRoute();
  const query = route.page === 'topic' ? route.query : undefined;
  const state = useMemo(() => parseViewState(query), [query]);
  const update = useCallback(
    (patch: Partial<ViewState>) =>
      navigate({
        page: 'topic',
        clusterId,
        topic,
        tab: 'messages',
        query: viewStateQuery({ ...state, ...patch }) || undefined,
      }),
    [clusterId, topic, state],
  );
  const view = useViewSettings(clusterId, topic);
  const saveView = useSaveViewSettings(clusterId, topic);
  const formats: TopicViewSettings = view.data ?? DEFAULT_VIEW;
  const [timeMode, setTimeMode] = useTimeMode();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const connection = useConnections().data?.find((c) => c.id === clusterId) ?? null;

  const onCheck = useCallback((keys: string[], on: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });
  }, []);

  const props: ModeProps = {
    clusterId,
    topic,
    partitionCount,
    state,
    update,
    connection,
    workbench: {
      clusterId,
      topic,
      record: state.record,
      onRecord: (record: Position | null) => update({ record }),
      checked,
      onCheck,
      formats,
      onFormats: (f) => saveView.mutate(f),
      timeMode,
    },
    checked,
    clearChecked: () => setChecked(new Set()),
    header: {
      modes: <ModeSwitch mode={state.mode} onMode={(mode) => update({ mode, record: null })} />,
      time: <TimeModeSelect value={timeMode} onChange={setTimeMode} />,
    },
  };

  return (
    <div className="messages">
      {state.mode === 'browse' && <BrowseMode {...props} />}
      {state.mode === 'live' && <LiveMode {...props} />}
      {state.mode === 'search' && <SearchMode {...props} />}
    </div>
  );
}

function ModeSwitch({ mode, onMode }: { mode: Mode; onMode: (m: Mode) => void }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">View</legend>
      {MODES.map((m) => (
        <label key={m.id} className={mode === m.id ? 'segment active' : 'segment'}>
          <input type="radio" name="messages-mode" value={m.id} checked={mode === m.id} onChange={() => onMode(m.id)} />
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}
