import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatClock } from '../../lib/time.js';
import { useSandboxLog } from '../../queries/sandbox.js';

const LINE_HEIGHT = 20;

/**
 * Follows new lines while the reader is at the bottom; scrolling up pauses that. Long lines wrap
 * (rows are measured, not assumed one line high), so every line can be read whole and copied.
 */
export function SandboxLog() {
  const { lines, error } = useSandboxLog();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  useLayoutEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, follow, virtualizer]);

  // Our own scrollToIndex also fires scroll events; they land at the bottom, so follow stays on.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 1.5);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="log-wrap">
      <ErrorAlert error={error} title="Could not read the sandbox log" />
      <div ref={scrollRef} className="log" role="log" aria-label="Sandbox log" aria-live="off" tabIndex={0}>
        {lines.length === 0 ? (
          <p className="empty">No log lines yet.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              return (
                <div
                  key={item.index}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`log-line log-${line.level}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span className="log-time">{formatClock(line.time)}</span>
                  <span className="log-level">{line.level}</span>
                  <span className="log-text">{line.text}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {!follow && (
        <button type="button" className="btn btn-small log-jump" onClick={() => setFollow(true)}>
          Jump to newest
        </button>
      )}
    </div>
  );
}
