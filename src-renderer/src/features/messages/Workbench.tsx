import type { KafkaMessage, Position, TopicViewSettings } from '../../contract.js';
import { SplitPane } from '../../components/SplitPane.js';
import type { TimeMode } from '../../lib/time.js';
import { DetailPane } from './DetailPane.js';
import { MessagesTable } from './MessagesTable.js';
import { messageKey, type RowSource } from './RowSource.js';

export interface WorkbenchProps {
  clusterId: string;
  topic: string;
  rows: RowSource;
  loading: boolean;
  emptyText: string;
  onAwayFromTop?: (away: boolean) => void;
  record: Position | null;
  onRecord: (p: Position | null) => void;
  checked: ReadonlySet<string>;
  onCheck: (keys: string[], on: boolean) => void;
  formats: TopicViewSettings;
  onFormats: (f: TopicViewSettings) => void;
  timeMode: TimeMode;
}

/** The grid and the detail pane of the open record, shared by browsing, the live tail and search. */
export function Workbench(p: WorkbenchProps) {
  const selected = p.record ? messageKey(p.record) : null;
  let row: KafkaMessage | undefined;
  if (selected) {
    for (let i = 0; i < p.rows.count; i++) {
      const m = p.rows.at(i);
      if (m && messageKey(m) === selected) {
        row = m;
        break;
      }
    }
  }
  return (
    <SplitPane
      storageKey="samsa.detailWidth"
      main={
        <MessagesTable
          rows={p.rows}
          loading={p.loading}
          selected={selected}
          onSelect={(m) => p.onRecord({ partition: m.partition, offset: m.offset })}
          checked={p.checked}
          onCheck={p.onCheck}
          emptyText={p.emptyText}
          formats={p.formats}
          timeMode={p.timeMode}
          onAwayFromTop={p.onAwayFromTop}
        />
      }
      side={
        p.record ? (
          <DetailPane
            key={selected}
            clusterId={p.clusterId}
            topic={p.topic}
            position={p.record}
            row={row}
            formats={p.formats}
            onFormats={p.onFormats}
            timeMode={p.timeMode}
            onClose={() => p.onRecord(null)}
          />
        ) : null
      }
    />
  );
}
