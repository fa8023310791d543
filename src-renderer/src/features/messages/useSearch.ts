import { startTransition, useEffect, useRef, useState } from 'react';
import type { KafkaMessage, ScanProgress, SearchItem, SearchParams } from '../../contract.js';
import { useSubscription } from '../../queries/subscription.js';
import { arraySource, type RowSource } from './RowSource.js';

const FLUSH_MS = 100;

/** `append`: keep the results so far (Continue after the limit). */
export type SearchRun = Omit<SearchParams, 'clusterId' | 'topic'> & { run: number; append?: boolean };

interface View {
  run: number | null;
  rows: RowSource;
  progress: ScanProgress | null;
  done: Extract<SearchItem, { kind: 'done' }> | null;
}

export interface SearchState {
  rows: RowSource;
  running: boolean;
  progress: ScanProgress | null;
  done: View['done'];
  error: ReturnType<typeof useSubscription>['error'];
}

/**
 * Runs a search while `run` is set; matches are kept (at most maxResults, checked by the server too)
 * and shown at a bounded redraw rate. Setting `run` to null cancels it on the broker side.
 */
export function useSearch(clusterId: string, topic: string, run: SearchRun | null): SearchState {
  const session = useRef<{
    run: number | null;
    results: KafkaMessage[];
    progress: ScanProgress | null;
    done: View['done'];
  }>({
    run: null,
    results: [],
    progress: null,
    done: null,
  });
  const dirty = useRef(false);
  const version = useRef(0);
  const [view, setView] = useState<View>({ run: null, rows: arraySource([], 0), progress: null, done: null });

  const params = run
    ? (({ run: _run, append: _append, ...p }) => ({ clusterId, topic, ...p }))(run)
    : { clusterId, topic };
  const state = useSubscription(
    'messages.search',
    params as SearchParams,
    (items) => {
      const s = session.current;
      if (run && s.run !== run.run) {
        // The first answer of a new run: start over (or carry on, for Continue).
        session.current = { run: run.run, results: run.append ? s.results : [], progress: null, done: null };
      }
      const cur = session.current;
      for (const item of items) {
        if (item.kind === 'matches') cur.results.push(...item.messages);
        else if (item.kind === 'progress') cur.progress = item;
        else cur.done = item;
      }
      dirty.current = true;
    },
    { enabled: run !== null },
  );

  useEffect(() => {
    const timer = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      const s = session.current;
      const next = { run: s.run, rows: arraySource(s.results, ++version.current), progress: s.progress, done: s.done };
      startTransition(() => setView(next));
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, []);

  const current = run !== null && view.run === run.run;
  const fresh = run !== null && !current;
  return {
    rows: fresh && !run.append ? arraySource([], -1) : view.rows,
    running: run !== null && !(current && view.done) && state.error === null && !state.ended,
    progress: fresh ? null : view.progress,
    done: fresh ? null : view.done,
    error: state.error,
  };
}
