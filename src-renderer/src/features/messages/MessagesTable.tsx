import { memo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KafkaMessage } from '../../contract.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { previewBytes } from '../../lib/bytes.js';
import { formatIso, formatLocalTime } from '../../lib/time.js';

const ROW_HEIGHT = 30;

export const messageKey = (m: KafkaMessage) => `${m.partition}:${m.offset}`;

interface Props {
  messages: KafkaMessage[] | undefined;
  loading: boolean;
  selected: string | null;
  onSelect: (key: string) => void;
  emptyText: string;
}

/** A grid: rows are selectable with click, arrows and Enter; only visible rows are rendered. */
export function MessagesTable({ messages, loading, selected, onSelect, emptyText }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = messages ?? [];
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const selectedIndex = list.findIndex((m) => messageKey(m) === selected);
  const focusIndex = Math.max(0, selectedIndex);

  function move(e: KeyboardEvent, index: number) {
    const next =
      e.key === 'ArrowDown'
        ? index + 1
        : e.key === 'ArrowUp'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? list.length - 1
              : e.key === 'Enter' || e.key === ' '
                ? index
                : -1;
    if (next < 0 || next >= list.length) return;
    e.preventDefault();
    onSelect(messageKey(list[next]!));
    virtualizer.scrollToIndex(next);
    // The row may only exist after the scroll renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  }

  return (
    <div role="grid" aria-label="Messages" aria-rowcount={list.length + 1} className="vtable messages-table">
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow message-cols">
          <span role="columnheader" className="num">
            Partition
          </span>
          <span role="columnheader" className="num">
            Offset
          </span>
          <span role="columnheader">Timestamp</span>
          <span role="columnheader">Key</span>
          <span role="columnheader">Value</span>
          <span role="columnheader" className="num">
            Headers
          </span>
        </div>
      </div>
      <div ref={scrollRef} className="vtable-scroll">
        {loading ? (
          <SkeletonRows rows={10} height={ROW_HEIGHT} label="Reading messages" />
        ) : list.length === 0 ? (
          <p className="empty">{emptyText}</p>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const m = list[item.index]!;
              return (
                <MessageRow
                  key={messageKey(m)}
                  message={m}
                  index={item.index}
                  start={item.start}
                  selected={item.index === selectedIndex}
                  tabbable={item.index === focusIndex}
                  onSelect={onSelect}
                  onKeyDown={move}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

interface RowProps {
  message: KafkaMessage;
  index: number;
  start: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  onKeyDown: (e: KeyboardEvent, index: number) => void;
}

// Memoized: decoding previews is the costly part and rows re-render on every scroll.
const MessageRow = memo(function MessageRow({
  message: m,
  index,
  start,
  selected,
  tabbable,
  onSelect,
  onKeyDown,
}: RowProps) {
  const iso = formatIso(m.timestamp);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      className={selected ? 'vrow message-cols selectable selected' : 'vrow message-cols selectable'}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
      }}
      onClick={() => onSelect(messageKey(m))}
      onKeyDown={(e) => onKeyDown(e, index)}
    >
      <span role="gridcell" className="num mono">
        {m.partition}
      </span>
      <span role="gridcell" className="num mono">
        {m.offset}
      </span>
      <span role="gridcell" className="mono">
        <time dateTime={iso} title={iso}>
          {formatLocalTime(m.timestamp)}
        </time>
      </span>
      <span role="gridcell" className="mono ellipsis">
        {m.key === null ? <span className="muted">null</span> : previewBytes(m.key, 60)}
      </span>
      <span role="gridcell" className="mono ellipsis">
        {m.value === null ? <span className="muted">null</span> : previewBytes(m.value)}
      </span>
      <span role="gridcell" className="num mono">
        {m.headers.length}
      </span>
    </div>
  );
});
