import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AppError,
  GroupDetail,
  GroupSummary,
  LagHistoryParams,
  LagSettings,
  ProblemKind,
  ResetParams,
  TopicGroupsUpdate,
} from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';
import { useSubscription } from './subscription.js';

const groups = (clusterId: string) => [...clusterKeys.cluster(clusterId), 'groups'] as const;

export const groupKeys = {
  groups,
  history: (p: LagHistoryParams) => [...groups(p.clusterId), p.groupId, 'history', p] as const,
  lagStore: ['lag', 'store'] as const,
};

export interface GroupListState {
  groups: GroupSummary[];
  sampledAt: number | null;
  problem: string | null;
  problemKind: ProblemKind | null;
  lagKnown: boolean;
  /** False until the first answer arrived. */
  loaded: boolean;
  error: AppError | null;
}

const EMPTY_LIST = { groups: [], sampledAt: null, problem: null, problemKind: null, lagKnown: false, loaded: false };

/**
 * Every group of a cluster, kept current by the `groups.list` subscription: the whole list first,
 * then only what changed with each sample, applied once per animation frame.
 */
export function useGroupList(clusterId: string): GroupListState {
  const byId = useRef(new Map<string, GroupSummary>());
  // Keyed by cluster, so another cluster's list never shows while the new one loads.
  const [state, setState] = useState<{ clusterId: string; list: Omit<GroupListState, 'error'> } | null>(null);
  const frame = useRef(0);
  const latest = useRef<Omit<GroupListState, 'error' | 'groups'> | null>(null);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const { error } = useSubscription(
    'groups.list',
    { clusterId },
    (items) => {
      for (const u of items) {
        if (u.full) byId.current = new Map();
        for (const g of u.groups) byId.current.set(g.groupId, g);
        for (const id of u.removed) byId.current.delete(id);
        latest.current = {
          sampledAt: u.sampledAt,
          problem: u.problem,
          problemKind: u.problemKind,
          lagKnown: u.lagKnown,
          loaded: true,
        };
      }
      frame.current ||= requestAnimationFrame(() => {
        frame.current = 0;
        setState({ clusterId, list: { ...latest.current!, groups: [...byId.current.values()] } });
      });
    },
    { onRestart: () => (byId.current = new Map()) },
  );
  return { ...(state?.clusterId === clusterId ? state.list : EMPTY_LIST), error };
}

/** One sample of a group, reduced to what a live chart needs at every level. */
export interface GroupSample {
  t: number;
  totalLag: number | null;
  committed: number;
  end: number;
  topics: Map<string, { lag: number | null; committed: number; end: number }>;
  partitions: Map<string, { lag: number; committed: number; end: number }>;
}

/** About an hour of samples at the default interval, kept for live charts. */
const MAX_SAMPLES = 720;

function toSample(d: GroupDetail): GroupSample | null {
  if (d.sampledAt === null || d.problem) return null;
  const s: GroupSample = {
    t: d.sampledAt,
    totalLag: d.totalLag,
    committed: 0,
    end: 0,
    topics: new Map(),
    partitions: new Map(),
  };
  for (const t of d.topics) {
    s.committed += t.committedSum;
    s.end += t.logEndSum;
    s.topics.set(t.topic, { lag: t.lag, committed: t.committedSum, end: t.logEndSum });
    for (const p of t.partitions) {
      if (p.lag === null || p.committed === null) continue;
      s.partitions.set(`${t.topic}:${p.partition}`, {
        lag: p.lag,
        committed: Number(p.committed),
        end: Number(p.logEnd),
      });
    }
  }
  return s;
}

/** One group's members, offsets and lag, refreshed with every sample; `samples` are the recent ones. */
export function useGroupDetail(
  clusterId: string,
  groupId: string,
): { detail: GroupDetail | null; samples: GroupSample[]; error: AppError | null } {
  const key = `${clusterId}\u0000${groupId}`;
  const [state, setState] = useState<{ key: string; detail: GroupDetail; samples: GroupSample[] } | null>(null);
  const { error } = useSubscription('groups.detail', { clusterId, groupId }, (items) =>
    setState((prev) => {
      let samples = prev?.key === key ? prev.samples : [];
      for (const d of items) {
        const s = toSample(d);
        if (s && (samples.length === 0 || samples[samples.length - 1]!.t < s.t))
          samples = [...samples.slice(1 - MAX_SAMPLES), s];
      }
      return { key, detail: items[items.length - 1]!, samples };
    }),
  );
  const current = state?.key === key ? state : null;
  return { detail: current?.detail ?? null, samples: current?.samples ?? [], error };
}

export function useTopicGroups(
  clusterId: string,
  topic: string,
): { data: TopicGroupsUpdate | null; error: AppError | null } {
  const key = `${clusterId}\u0000${topic}`;
  const [state, setState] = useState<{ key: string; data: TopicGroupsUpdate } | null>(null);
  const { error } = useSubscription('groups.forTopic', { clusterId, topic }, (items) =>
    setState({ key, data: items[items.length - 1]! }),
  );
  return { data: state?.key === key ? state.data : null, error };
}

/** A chart's history; new points arrive through the group's detail subscription, not by refetching. */
export function useLagHistory(params: LagHistoryParams) {
  const bridge = useBridge();
  return useQuery({
    queryKey: groupKeys.history(params),
    queryFn: ({ signal }) => bridge.call('lag.history', params, { signal }),
    staleTime: Infinity,
    gcTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useResetPreview() {
  const bridge = useBridge();
  return useMutation({ mutationFn: (p: ResetParams) => bridge.call('groups.resetPreview', p) });
}

export function useResetApply() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: ResetParams) => bridge.call('groups.resetApply', p),
    onSuccess: (_r, p) => void qc.invalidateQueries({ queryKey: [...groups(p.clusterId), p.groupId] }),
  });
}

export function useDeleteGroup() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (p: { clusterId: string; groupId: string }) => bridge.call('groups.delete', p),
  });
}

export function useDeleteOffsets() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (p: { clusterId: string; groupId: string; topic: string }) => bridge.call('groups.deleteOffsets', p),
  });
}

export function useSetPinned() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (p: { clusterId: string; groupId: string; pinned: boolean }) => bridge.call('groups.setPinned', p),
  });
}

export function useLagStoreInfo(enabled = true) {
  const bridge = useBridge();
  return useQuery({
    queryKey: groupKeys.lagStore,
    queryFn: () => bridge.call('lag.storeInfo', {}),
    enabled,
    staleTime: 0,
  });
}

export function useUpdateLagSettings() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<LagSettings>) => bridge.call('lag.updateSettings', patch),
    onSuccess: (info) => qc.setQueryData(groupKeys.lagStore, info),
  });
}
