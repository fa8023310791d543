import { startTransition, useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../contract.js';
import { useBridge } from '../../bridge/context.js';
import { useSubscription } from '../../queries/subscription.js';
import { LiveRows, type LiveCounts } from './live-rows.js';
import type { RowSource } from './RowSource.js';

export interface LiveView extends LiveCounts {
  rows: RowSource;
}

export interface LiveTail extends LiveView {
  running: boolean;
  pause(): void;
  resume(): void;
  clear(): void;
  /** Holds the rows still while the grid is scrolled away from the newest, or follows again. */
  holdView(held: boolean): void;
  error: AppError | null;
}

function newTailId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const viewOf = (rows: LiveRows): LiveView => {
  const source = rows.source(); // first: it moves a following view's anchor, which the counts read
  return { ...rows.counts(), rows: source };
};

/**
 * A live tail whose window of the newest records is kept in main (mount it again, with a `key`, to
 * tail something else). Main sends counts and the newest rows at a bounded rate; the grid fetches
 * other rows as they scroll into view. Pausing stops reading at the broker and keeps the window;
 * resuming goes on where it stopped, so nothing written meanwhile is missed.
 */
export function useLiveTail(clusterId: string, topic: string, partitions: number[] | null, capacity: number): LiveTail {
  const bridge = useBridge();
  const [tailId] = useState(newTailId);
  const [rows] = useState(
    () => new LiveRows((from, count) => bridge.call('messages.tailRows', { tailId, from, count })),
  );
  const [view, setView] = useState<LiveView>(() => viewOf(rows));
  // Rows fetched for the grid arrived: show them.
  useEffect(() => rows.onRows(() => startTransition(() => setView(viewOf(rows)))), [rows]);
  const [running, setRunning] = useState(true);
  const [actionError, setActionError] = useState<AppError | null>(null);

  const state = useSubscription(
    'messages.tail',
    { clusterId, topic, tailId, partitions, window: capacity, from: null },
    (updates) => {
      rows.apply(updates.at(-1)!);
      const next = viewOf(rows);
      // A transition: React renders it in slices and yields to the browser, so typing, scrolling
      // and clicks stay ahead of the redraw.
      startTransition(() => setView(next));
    },
    {
      onRestart: () => {
        rows.reset();
        setRunning(true); // a tail started again runs
      },
    },
  );

  const setPaused = useCallback(
    (paused: boolean) => {
      setRunning(!paused);
      setActionError(null);
      bridge.call('messages.tailPause', { tailId, paused }).catch((e: AppError) => setActionError(e));
    },
    [bridge, tailId],
  );
  const pause = useCallback(() => setPaused(true), [setPaused]);
  const resume = useCallback(() => setPaused(false), [setPaused]);
  const clear = () => {
    rows.clear();
    setView(viewOf(rows));
  };
  const holdView = (held: boolean) => {
    rows.hold(held);
    setView(viewOf(rows));
  };

  return { ...view, running, pause, resume, clear, holdView, error: state.error ?? actionError };
}
