import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppError, SandboxLogLine } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';
import { connectionKeys } from './connections.js';

const all = ['sandbox'] as const;

export const sandboxKeys = {
  all,
  status: [...all, 'status'] as const,
};

export function useSandboxStatus() {
  const bridge = useBridge();
  return useQuery({
    queryKey: sandboxKeys.status,
    queryFn: () => bridge.call('sandbox.status', {}),
    staleTime: Infinity, // the sandbox.status event keeps it current
    retry: false,
  });
}

type SandboxAction = 'start' | 'stop' | 'reset';

/** Start / stop / reset all answer with the new status; put it straight into the cache. */
export function useSandboxAction(action: SandboxAction) {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: { port?: number } | void) => {
      if (action === 'start') return bridge.call('sandbox.start', vars ? { port: vars.port } : {});
      return bridge.call(action === 'stop' ? 'sandbox.stop' : 'sandbox.reset', {});
    },
    onSuccess: (status) => {
      qc.setQueryData(sandboxKeys.status, status);
      // Starting may create the sandbox connection profile.
      void qc.invalidateQueries({ queryKey: connectionKeys.all });
    },
  });
}

export function useLoadSampleData() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => bridge.call('sandbox.loadSampleData', {}),
    // Topics changed on whichever profile is the sandbox's.
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: clusterKeys.all });
      void qc.invalidateQueries({ queryKey: sandboxKeys.all }); // its data size grew
    },
  });
}

const MAX_LOG_LINES = 5000;

/**
 * Live log: history once, then pushed lines. Outside react-query on purpose; a stream is not
 * a cached answer. Lines arriving in a burst are batched into one render per frame.
 */
export function useSandboxLog(): { lines: SandboxLogLine[]; error: AppError | null } {
  const bridge = useBridge();
  const [lines, setLines] = useState<SandboxLogLine[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const pending = useRef<SandboxLogLine[]>([]);

  useEffect(() => {
    let cancelled = false;
    let frame = 0;
    let historyLoaded = false;
    const flush = () => {
      frame = 0;
      const batch = pending.current;
      pending.current = [];
      setLines((prev) => trim([...prev, ...batch]));
    };
    const off = bridge.onEvent('sandbox.log', (line) => {
      pending.current.push(line);
      if (historyLoaded && !frame) frame = requestAnimationFrame(flush);
    });
    bridge.call('sandbox.logs', {}).then(
      (history) => {
        if (cancelled) return;
        historyLoaded = true;
        // Lines pushed while history was loading may also be in it; keep only the newer ones.
        const last = history[history.length - 1]?.time ?? -Infinity;
        pending.current = pending.current.filter((l) => l.time > last);
        setLines(trim(history));
        frame = requestAnimationFrame(flush);
      },
      (err: AppError) => {
        if (cancelled) return;
        historyLoaded = true;
        setError(err);
        frame = requestAnimationFrame(flush);
      },
    );
    return () => {
      cancelled = true;
      off();
      cancelAnimationFrame(frame);
    };
  }, [bridge]);

  return { lines, error };
}

function trim(lines: SandboxLogLine[]): SandboxLogLine[] {
  return lines.length > MAX_LOG_LINES ? lines.slice(lines.length - MAX_LOG_LINES) : lines;
}
