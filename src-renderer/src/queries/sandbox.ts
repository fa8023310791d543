import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppError, SandboxLogLine } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';
import { connectionKeys } from './connections.js';
import { useSubscription } from './subscription.js';

const all = ['sandbox'] as const;

export const sandboxKeys = {
  all,
  status: [...all, 'status'] as const,
  sampleDataPlan: [...all, 'sampleDataPlan'] as const,
  demoTraffic: [...all, 'demo-traffic'] as const,
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

/** What "Load sample data" would add now; asked each time the dialog opens. */
export function useSampleDataPlan(enabled: boolean) {
  const bridge = useBridge();
  return useQuery({
    queryKey: sandboxKeys.sampleDataPlan,
    queryFn: ({ signal }) => bridge.call('sandbox.sampleDataPlan', {}, { signal }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
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

export function useDemoTraffic() {
  const bridge = useBridge();
  return useQuery({
    queryKey: sandboxKeys.demoTraffic,
    queryFn: () => bridge.call('sandbox.demoTrafficStatus', {}),
    staleTime: 0,
  });
}

export function useSetDemoTraffic() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (running: boolean) => bridge.call('sandbox.setDemoTraffic', { running }),
    onSuccess: (status) => qc.setQueryData(sandboxKeys.demoTraffic, status),
  });
}

const MAX_LOG_LINES = 2000;

/**
 * Live log: the recent lines, then each new one, from the `sandbox.tailLog` subscription. Lines
 * arriving in a burst are batched into one render per frame.
 */
export function useSandboxLog(): { lines: SandboxLogLine[]; error: AppError | null } {
  const [lines, setLines] = useState<SandboxLogLine[]>([]);
  const pending = useRef<SandboxLogLine[]>([]);
  const frame = useRef(0);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const { error } = useSubscription(
    'sandbox.tailLog',
    { backlog: MAX_LOG_LINES },
    (items) => {
      pending.current.push(...items);
      frame.current ||= requestAnimationFrame(() => {
        frame.current = 0;
        const batch = pending.current;
        pending.current = [];
        setLines((prev) => trim([...prev, ...batch]));
      });
    },
    // A new stream starts with the backlog again: drop what we had.
    {
      onRestart: () => {
        pending.current = [];
        setLines([]);
      },
    },
  );
  return { lines, error };
}
function trim(lines: SandboxLogLine[]): SandboxLogLine[] {
  return lines.length > MAX_LOG_LINES ? lines.slice(lines.length - MAX_LOG_LINES) : lines;
}
