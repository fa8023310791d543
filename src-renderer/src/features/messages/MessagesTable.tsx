import { memo, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KafkaMessage, TopicViewSettings } from '../../contract.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { formatSize } from '../../lib/bytes.js';
import { previewText } from '../../lib/decode.js';
import { formatIso, formatTimestamp, type TimeMode } from '../../lib/time.js';
import { messageKey, withKeys, type RowSource } from './RowSource.js';

const ROW_HEIGHT = 30;

interface Props {
  rows: RowSource;
  loading: boolean;
  /** The record open in the detail pane. */
  selected: string | null;
  onSelect: (m: KafkaMessage) => void;
  /** Records ticked for export or re-send. */
  checked: ReadonlySet<string>;
  onCheck: (keys: string[], on: boolean) => void;
  emptyText: string;
  formats: TopicViewSettings;
  timeMode: TimeMode;
  /** Told when the list is scrolled away from its top and back (a live tail holds its view meanwhile). */
  onAwayFromTop?: (away: boolean) => void;
}

/**
 * The messages grid: rows are opened with click, Enter or the arrows, ticked with Space,
 * Ctrl/Cmd-click or Shift-click (a range); only visible rows are rendered.
 */
export function MessagesTable(props: Props) {
  const { rows, loading, selected, onSelect, checked, onCheck, emptyText, onAwayFromTop } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const away = useRef(false);
  function onScroll(top: number) {
    if (top > 0 !== away.current) {
      away.current = top > 0;
      onAwayFromTop?.(away.current);
    }
  }

  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items.at(-1)?.index ?? -1;
  // A live window keeps its rows in main: ask for the shown ones that are not here yet.
  useEffect(() => {
    if (lastShown >= firstShown) rows.load?.(firstShown, lastShown);
  }, [rows, firstShown, lastShown]);

  let selectedIndex = -1;
  if (selected !== null) {
    for (const item of items) {
      const m = rows.at(item.index);
      if (m && messageKey(m) === selected) selectedIndex = item.index;
    }
  }
  const focusIndex = Math.max(0, selectedIndex);
  const allChecked = rows.count > 0 && checked.size >= rows.count && checkedAll(rows, checked);

  function focusRow(index: number) {
    virtualizer.scrollToIndex(index);
    // The row may only exist after the scroll renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
  }

  function onKeyDown(e: KeyboardEvent, index: number) {
    const m = rows.at(index);
    if (e.key === ' ') {
      e.preventDefault();
      if (m) onCheck([messageKey(m)], !checked.has(messageKey(m)));
      return;
    }
    const next =
      e.key === 'ArrowDown'
        ? index + 1
        : e.key === 'ArrowUp'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? rows.count - 1
              : e.key === 'PageDown'
                ? Math.min(rows.count - 1, index + 15)
                : e.key === 'PageUp'
                  ? Math.max(0, index - 15)
                  : e.key === 'Enter'
                    ? index
                    : -1;
    if (next < 0 || next >= rows.count) return;
    e.preventDefault();
    const target = rows.at(next);
    if (target) onSelect(target);
    focusRow(next);
  }

  function onClick(e: MouseEvent, index: number) {
    const m = rows.at(index);
    if (e.shiftKey && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      withKeys(rows, a, b, (keys) => onCheck(keys, true));
      return;
    }
    anchor.current = index;
    if (!m) return;
    const key = messageKey(m);
    if (e.ctrlKey || e.metaKey) onCheck([key], !checked.has(key));
    else onSelect(m);
  }

  return (
    <div
      role="grid"
      aria-label="Messages"
      aria-rowcount={rows.count + 1}
      aria-multiselectable="true"
      className="vtable messages-table"
    >
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow message-cols">
          <span role="columnheader">
            <input
              type="checkbox"
              aria-label="Tick every listed message"
              checked={allChecked}
              disabled={rows.count === 0}
              onChange={(e) => {
                const on = e.target.checked;
                withKeys(rows, 0, rows.count - 1, (keys) => onCheck(keys, on));
              }}
            />
          </span>
          <span role="columnheader" className="num">
            Partition
          </span>
          <span role="columnheader" className="num">
            Offset
          </span>
          <span role="columnheader">Timestamp</span>
          <span role="columnheader">Key</span>
          <span role="columnheader">Value</span>
          <span role="columnheader" className="num col-size">
            Size
          </span>
          <span role="columnheader" className="num col-headers">
            Headers
          </span>
        </div>
      </div>
      <div ref={scrollRef} className="vtable-scroll" onScroll={(e) => onScroll(e.currentTarget.scrollTop)}>
        {loading ? (
          <SkeletonRows rows={10} height={ROW_HEIGHT} label="Reading messages" />
        ) : rows.count === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const m = rows.at(item.index);
              if (!m) return <PendingRow key={item.index} index={item.index} start={item.start} />;
              const key = messageKey(m);
              return (
                // Keyed by position: when a live tail adds rows on top, the same DOM rows show new
                // records instead of being torn down and rebuilt at every redraw.
                <MessageRow
                  key={item.index}
                  message={m}
                  index={item.index}
                  start={item.start}
                  selected={key === selected}
                  checked={checked.has(key)}
                  tabbable={item.index === focusIndex}
                  formats={props.formats}
                  timeMode={props.timeMode}
                  onClick={onClick}
                  onKeyDown={onKeyDown}
                  onCheck={onCheck}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/** Every row here is ticked (rows still being fetched are not counted against it). */
function checkedAll(rows: RowSource, checked: ReadonlySet<string>): boolean {
  for (let i = 0; i < rows.count; i++) {
    const m = rows.at(i);
    if (m && !checked.has(messageKey(m))) return false;
  }
  return true;
}

const rowStyle = (start: number) =>
  ({
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    transform: `translateY(${start}px)`,
    // A row's layout never depends on or changes anything outside it: new text lays out only the row.
    contain: 'strict',
  }) as const;

/** A live-window row on its way from main: same height, so nothing jumps when it arrives. */
function PendingRow({ index, start }: { index: number; start: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-busy="true" className="vrow message-cols" style={rowStyle(start)}>
      <span role="gridcell" className="muted small pending-row">
        Loading…
      </span>
    </div>
  );
}

interface RowProps {
  message: KafkaMessage;
  index: number;
  start: number;
  selected: boolean;
  checked: boolean;
  tabbable: boolean;
  formats: TopicViewSettings;
  timeMode: TimeMode;
  onClick: (e: MouseEvent, index: number) => void;
  onKeyDown: (e: KeyboardEvent, index: number) => void;
  onCheck: (keys: string[], on: boolean) => void;
}

// Memoized: decoding previews is the costly part and rows re-render on every scroll.
const MessageRow = memo(function MessageRow(p: RowProps) {
  const m = p.message;
  const iso = formatIso(m.timestamp);
  const key = messageKey(m);
  return (
    <div
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selected}
      data-index={p.index}
      tabIndex={p.tabbable ? 0 : -1}
      className={`vrow message-cols selectable${p.selected ? ' selected' : ''}${p.checked ? ' checked' : ''}`}
      style={rowStyle(p.start)}
      onClick={(e) => p.onClick(e, p.index)}
      onKeyDown={(e) => p.onKeyDown(e, p.index)}
    >
      <span role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Tick partition ${m.partition} offset ${m.offset}`}
          checked={p.checked}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => p.onCheck([key], e.target.checked)}
        />
      </span>
      <span role="gridcell" className="num mono">
        {m.partition}
      </span>
      <span role="gridcell" className="num mono">
        {m.offset}
      </span>
      <span role="gridcell" className="mono ellipsis">
        <time dateTime={iso} title={iso}>
          {formatTimestamp(m.timestamp, p.timeMode)}
        </time>
      </span>
      <span role="gridcell" className="mono ellipsis">
        {m.key === null ? <span className="muted">null</span> : previewText(m.key, p.formats.keyFormat, 60)}
      </span>
      <span role="gridcell" className="mono ellipsis">
        {m.value === null ? <span className="muted">null</span> : previewText(m.value, p.formats.valueFormat)}
      </span>
      <span role="gridcell" className="num mono muted col-size">
        {m.value === null ? '' : formatSize(m.value.size)}
      </span>
      <span role="gridcell" className="num mono col-headers">
        {m.headers.length}
      </span>
    </div>
  );
});
