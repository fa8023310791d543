import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

interface Props {
  main: ReactNode;
  /** The detail pane; null closes it. */
  side: ReactNode | null;
  /** Remembers the pane's width on this machine. */
  storageKey: string;
  /** Below this container width the pane floats over the list instead of squeezing it. */
  overlayBelow?: number;
}

const MIN_SIDE = 300;
const MIN_MAIN = 360;

function savedWidth(key: string): number {
  const n = Number(typeof localStorage === 'undefined' ? NaN : localStorage.getItem(key));
  return Number.isFinite(n) && n >= MIN_SIDE ? n : 440;
}

/**
 * A list with a detail pane on its right: the pane is resized by dragging the divider or with the
 * arrow keys on it; in a narrow window it becomes an overlay, so the list keeps all its columns.
 */
export function SplitPane({ main, side, storageKey, overlayBelow = 980 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [containerWidth, setContainerWidth] = useState(0);
  const [width, setWidth] = useState(() => savedWidth(storageKey));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setContainerWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const overlay = containerWidth > 0 && containerWidth < overlayBelow;
  const max = Math.max(MIN_SIDE, containerWidth - MIN_MAIN);
  const sideWidth = Math.min(Math.max(width, MIN_SIDE), max);
  const commit = (w: number) => {
    const v = Math.round(Math.min(Math.max(w, MIN_SIDE), max));
    setWidth(v);
    localStorage.setItem(storageKey, String(v));
  };

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    const startX = e.clientX;
    const startW = sideWidth;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => commit(startW + (startX - ev.clientX));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  }

  function onKeyDown(e: KeyboardEvent) {
    const step = e.shiftKey ? 96 : 24;
    if (e.key === 'ArrowLeft') commit(sideWidth + step);
    else if (e.key === 'ArrowRight') commit(sideWidth - step);
    else if (e.key === 'Home') commit(max);
    else if (e.key === 'End') commit(MIN_SIDE);
    else return;
    e.preventDefault();
  }

  return (
    <div ref={ref} className={`split${side ? ' split-open' : ''}${overlay ? ' split-overlay' : ''}`}>
      <div className="split-main">{main}</div>
      {side && !overlay && (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize the details pane"
          aria-valuemin={MIN_SIDE}
          aria-valuemax={max}
          aria-valuenow={sideWidth}
          tabIndex={0}
          className="split-handle"
          onPointerDown={onPointerDown}
          onKeyDown={onKeyDown}
        />
      )}
      {side && (
        <div className="split-side" style={overlay ? undefined : { width: sideWidth }}>
          {side}
        </div>
      )}
    </div>
  );
}
