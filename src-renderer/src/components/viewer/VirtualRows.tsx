import { useRef, type ReactNode, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useColumns } from './useColumns.js';
import './viewer.css';

export const VIEWER_ROW_HEIGHT = 18;

export interface ViewerBox {
  ref: RefObject<HTMLDivElement | null>;
  /** Monospace characters that fit across the box. */
  cols: number;
}

/** The scrolling box of a viewer and how wide it is in characters (rows are laid out for that width). */
export function useViewerBox(): ViewerBox {
  const ref = useRef<HTMLDivElement>(null);
  const cols = useColumns(ref);
  return { ref, cols };
}

interface Props {
  box: ViewerBox;
  count: number;
  row: (index: number) => ReactNode;
  label: string;
  /** Grow to the parent's height (the value); otherwise at most `maxRows` rows tall. */
  fill?: boolean;
  maxRows?: number;
  className?: string;
}

/**
 * A scrolling box of fixed-height rows where only the visible ones exist in the DOM: a 10 MB value
 * is as light to show as a 10-byte one.
 */
export function VirtualRows({ box, count, row, label, fill, maxRows = 12, className }: Props) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => box.ref.current,
    estimateSize: () => VIEWER_ROW_HEIGHT,
    overscan: 20,
  });
  const height = fill ? undefined : Math.min(count, maxRows) * VIEWER_ROW_HEIGHT + 14;
  return (
    <div
      ref={box.ref}
      className={`viewer ${fill ? 'viewer-fill' : ''} ${className ?? ''}`}
      style={height ? { height } : undefined}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.key} className="viewer-row" style={{ transform: `translateY(${item.start}px)` }}>
            {row(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
