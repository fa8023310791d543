import { useCallback, useSyncExternalStore } from 'react';
import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ConnectionHealth, ConnectionProfile, SandboxStatus } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';
import { useSandboxStatus } from './sandbox.js';
import { useSubscription } from './subscription.js';

type HealthById = Record<string, ConnectionHealth>;

export const healthKeys = {
  all: ['health'] as const,
};

/**
 * Keeps every saved connection's health in the cache, from the `connections.health` stream (run once,
 * in the shell). A cluster that comes back has its cached answers refetched, so pages turn live again.
 */
export function useHealthFeed(): void {
  const qc = useQueryClient();
  useSubscription('connections.health', {}, (items) => {
    const before = qc.getQueryData<HealthById>(healthKeys.all) ?? {};
    const next = { ...before };
    for (const h of items) next[h.id] = h;
    qc.setQueryData(healthKeys.all, next);
    for (const h of items) {
      // Back from offline, possibly by way of "checking" (a restarted sandbox is checked again before it
      // answers): answers fetched meanwhile may be errors, so fetch again.
      const was = before[h.id]?.state;
      if (h.state === 'online' && was !== undefined && was !== 'online') refreshCluster(qc, h.id);
    }
  });
}

/**
 * Fetches a cluster's answers again (every cluster's without an id). A request still in flight from
 * while it was down is cancelled first: a query without data would otherwise wait for that one and
 * show its error, however long after the cluster came back it arrives.
 */
export function refreshCluster(qc: QueryClient, clusterId?: string) {
  const queryKey = clusterId ? clusterKeys.cluster(clusterId) : clusterKeys.all;
  void qc.cancelQueries({ queryKey }).then(() => qc.invalidateQueries({ queryKey }));
}

export function useHealthById(): HealthById {
  return useQuery<HealthById>({ queryKey: healthKeys.all, queryFn: skipToken, staleTime: Infinity }).data ?? EMPTY;
}
const EMPTY: HealthById = {};

export function useConnectionHealth(id: string | null | undefined): ConnectionHealth | undefined {
  const all = useHealthById();
  return id ? all[id] : undefined;
}

/** "Check again": asks now, and the answer lands where the stream's would. */
export function useCheckHealth() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => bridge.call('connections.checkHealth', { id }),
    onSuccess: (h) => {
      const before = qc.getQueryData<HealthById>(healthKeys.all)?.[h.id];
      qc.setQueryData<HealthById>(healthKeys.all, (all = {}) => ({ ...all, [h.id]: h }));
      if (h.state === 'online' && before?.state !== 'online') refreshCluster(qc, h.id);
    },
  });
}

export type StatusTone = 'ok' | 'error' | 'neutral' | 'busy';

export interface ConnectionStatus {
  tone: StatusTone;
  /** One word or two, for a dot's label and a card: "Connected", "Unreachable", "Stopped"… */
  word: string;
  /** Why it is not connected, as the core worded it. */
  problem: string | null;
  online: boolean;
  /** Known not to answer (not merely being checked, starting or stopping): cached data is stale. */
  down: boolean;
  /** The sandbox's connection while the sandbox does not run: Start is what fixes it. */
  sandboxDown: boolean;
}

/** How a connection is shown everywhere (sidebar dot, home card, banner); the sandbox's own state comes first. */
export function connectionStatus(
  profile: Pick<ConnectionProfile, 'sandbox'>,
  health: ConnectionHealth | undefined,
  sandbox: Pick<SandboxStatus, 'state' | 'error'> | undefined,
): ConnectionStatus {
  if (profile.sandbox && sandbox && sandbox.state !== 'running') {
    const words = { stopped: 'Stopped', starting: 'Starting…', stopping: 'Stopping…', failed: 'Failed' } as const;
    const busy = sandbox.state === 'starting' || sandbox.state === 'stopping';
    return {
      tone: busy ? 'busy' : sandbox.state === 'failed' ? 'error' : 'neutral',
      word: words[sandbox.state],
      problem: sandbox.state === 'failed' ? sandbox.error : busy ? null : 'The sandbox is stopped.',
      online: false,
      down: !busy,
      sandboxDown: !busy,
    };
  }
  if (!health || health.state === 'checking') {
    return { tone: 'neutral', word: 'Checking…', problem: null, online: false, down: false, sandboxDown: false };
  }
  if (health.state === 'online') {
    return { tone: 'ok', word: 'Connected', problem: null, online: true, down: false, sandboxDown: false };
  }
  return {
    tone: 'error',
    word: health.problem?.code === 'AUTH_FAILED' ? 'Login refused' : 'Unreachable',
    problem: health.problem?.message ?? null,
    online: false,
    down: true,
    sandboxDown: false,
  };
}

export function useConnectionStatus(profile: ConnectionProfile | undefined): ConnectionStatus | undefined {
  const health = useConnectionHealth(profile?.id);
  const sandbox = useSandboxStatus().data;
  return profile ? connectionStatus(profile, health, sandbox) : undefined;
}

/**
 * When the oldest answer a page shows from this cluster arrived (ms), or null when it shows none:
 * the "last updated" of a disconnected banner. Only queries with a mounted observer count. Only
 * watched while `enabled` (disconnected), so a busy cache costs nothing while all is well.
 */
export function useClusterDataUpdatedAt(clusterId: string, enabled = true): number | null {
  const qc = useQueryClient();
  const subscribe = useCallback(
    (cb: () => void) => (enabled ? qc.getQueryCache().subscribe(cb) : () => {}),
    [qc, enabled],
  );
  const read = useCallback(() => {
    if (!enabled) return null;
    let oldest: number | null = null;
    for (const q of qc.getQueryCache().findAll({ queryKey: clusterKeys.cluster(clusterId), type: 'active' })) {
      const at = q.state.dataUpdatedAt;
      if (q.state.data !== undefined && at > 0 && (oldest === null || at < oldest)) oldest = at;
    }
    return oldest;
  }, [qc, clusterId, enabled]);
  return useSyncExternalStore(subscribe, read);
}
