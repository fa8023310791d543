import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { KafkaMessage, Position } from '../../contract.js';
import { useSubscription } from '../../queries/subscription.js';
import { RingWindow } from './ring-window.js';
import type { RowSource } from './RowSource.js';

/** The window redraws at most this often, whatever the rate records arrive at. */
const FLUSH_MS = 100;

export interface LiveView {
  rows: RowSource;
  /** Rows added on top at the last redraw (the grid keeps a scrolled view in place). */
  prepended: number;
  received: number;
  dropped: number;
  perSecond: number;
}

export interface LiveTail extends LiveView {
  running: boolean;
  pause(): void;
  resume(): void;
  clear(): void;
  error: ReturnType<typeof useSubscription>['error'];
}

const snapshot = (w: RingWindow<KafkaMessage>, version: number, prepended: number, perSecond: number): LiveView => ({
  rows: { count: w.count, at: (i) => w.at(i), version },
  prepended,
  received: w.received,
  dropped: w.dropped,
  perSecond,
});

/**
 * A live tail kept in a bounded window (mount it again, with a `key`, to tail something else).
 * Pausing stops the stream at the broker and remembers each partition's position; resuming
 * continues from there, so nothing written meanwhile is missed.
 */
export function useLiveTail(clusterId: string, topic: string, partitions: number[] | null, capacity: number): LiveTail {
  const [ring] = useState(() => new RingWindow<KafkaMessage>(capacity));
  const pending = useRef<KafkaMessage[]>([]);
  const next = useRef<Position[] | null>(null);
  const samples = useRef<{ at: number; n: number }[]>([]);
  const version = useRef(0);
  const [running, setRunning] = useState(true);
  const [from, setFrom] = useState<Position[] | null>(null);
  const [view, setView] = useState<LiveView>(() => snapshot(ring, 0, 0, 0));

  const state = useSubscription(
    'messages.tail',
    { clusterId, topic, partitions, from },
    (items) => {
      for (const item of items) {
        for (const m of item.messages) pending.current.push(m);
        next.current = item.next;
      }
      // Between redraws keep at most a window's worth: older ones would be pushed out anyway.
      const list = pending.current;
      if (list.length > capacity * 2) {
        const extra = list.length - capacity;
        ring.skip(extra);
        pending.current = list.slice(extra);
      }
    },
    { enabled: running, onRestart: () => (pending.current = []) },
  );

  useEffect(() => {
    const timer = setInterval(() => {
      const now = performance.now();
      const batch = pending.current;
      if (batch.length > 0) {
        pending.current = [];
        ring.push(batch);
        samples.current.push({ at: now, n: batch.length });
        version.current++;
      }
      const before = samples.current.length;
      samples.current = samples.current.filter((s) => now - s.at <= 1000);
      if (batch.length > 0 || samples.current.length !== before) {
        const perSecond = samples.current.reduce((n, s) => n + s.n, 0);
        const next = snapshot(ring, version.current, batch.length, perSecond);
        // A transition: React renders it in slices and yields to the browser, so a burst never
        // holds a frame (typing, scrolling and clicks stay ahead of the redraw).
        startTransition(() => setView(next));
      }
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, [ring]);

  const pause = useCallback(() => {
    setFrom(next.current);
    setRunning(false);
  }, []);
  const resume = useCallback(() => setRunning(true), []);
  const clear = useCallback(() => {
    ring.clear();
    pending.current = [];
    version.current++;
    setView(snapshot(ring, version.current, 0, 0));
  }, [ring]);

  return { ...view, running, pause, resume, clear, error: state.error };
}
