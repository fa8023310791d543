import { memo, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KafkaMessage, TopicViewSettings } from '../../contract.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { formatSize } from '../../lib/bytes.js';
import { previewText } from '../../lib/decode.js';
import { formatIso, formatTimestamp, type TimeMode } from '../../lib/time.js';
import { messageKey, type RowSource } from './RowSource.js';

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
  /** Rows added at the top since the last render (a live tail): a scrolled view stays where it is. */
  prepended?: number;
}

/**
 * The messages grid: rows are opened with click, Enter or the arrows, ticked with Space,
 * Ctrl/Cmd-click or Shift-click (a range); only visible rows are rendered.
 */
export function MessagesTable(props: Props) {
  const { rows, loading, selected, onSelect, checked, onCheck, emptyText, prepended = 0 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // A live tail adds rows on top: keep what the person is reading in place unless they are at the top.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && prepended > 0 && el.scrollTop > 0) el.scrollTop += prepended * ROW_HEIGHT;
  }, [rows.version, prepended]);

  let selectedIndex = -1;
  if (selected !== null) {
    for (const item of virtualizer.getVirtualItems()) {
      if (messageKey(rows.at(item.index)) === selected) selectedIndex = item.index;
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
      onCheck([messageKey(m)], !checked.has(messageKey(m)));
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
    onSelect(rows.at(next));
    focusRow(next);
  }

  function onClick(e: MouseEvent, index: number) {
    const key = messageKey(rows.at(index));
    if (e.shiftKey && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      onCheck(
        Array.from({ length: b - a + 1 }, (_, i) => messageKey(rows.at(a + i))),
        true,
      );
      return;
    }
    anchor.current = index;
    if (e.ctrlKey || e.metaKey) onCheck([key], !checked.has(key));
    else onSelect(rows.at(index));
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
              onChange={(e) => onCheck(keysOf(rows), e.target.checked)}
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
      <div ref={scrollRef} className="vtable-scroll">
        {loading ? (
          <SkeletonRows rows={10} height={ROW_HEIGHT} label="Reading messages" />
        ) : rows.count === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const m = rows.at(item.index);
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

function keysOf(rows: RowSource): string[] {
  return Array.from({ length: rows.count }, (_, i) => messageKey(rows.at(i)));
}

function checkedAll(rows: RowSource, checked: ReadonlySet<string>): boolean {
  for (let i = 0; i < rows.count; i++) if (!checked.has(messageKey(rows.at(i)))) return false;
  return true;
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
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${p.start}px)`,
      }}
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
