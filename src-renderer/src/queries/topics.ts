import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTopicParams, PurgeParams } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';

const list = (clusterId: string) => [...clusterKeys.cluster(clusterId), 'topics'] as const;

export const topicKeys = {
  list,
  /** Also the prefix of the topic's messages (see messageKeys): invalidate it with `exact` to leave those alone. */
  detail: (clusterId: string, topic: string) => [...list(clusterId), topic] as const,
  /** Outside the list's prefix: a topic may be called anything, including "stats". */
  stats: (clusterId: string) => [...clusterKeys.cluster(clusterId), 'topic-stats'] as const,
  keyMoves: (clusterId: string, topic: string, totalCount: number) =>
    [...clusterKeys.cluster(clusterId), 'key-moves', topic, totalCount] as const,
};

/** Big clusters refresh in the background at this pace while the list is on screen. */
const LIST_REFRESH_MS = 30_000;
const STATS_REFRESH_MS = 60_000;

export function useTopics(clusterId: string, opts: { live?: boolean } = {}) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.list(clusterId),
    queryFn: ({ signal }) => bridge.call('topics.list', { clusterId }, { signal }),
    // The list component sorts (by any column); other users look topics up by name.
    refetchInterval: opts.live ? LIST_REFRESH_MS : false,
  });
}

/** Messages and sizes per topic: slower than the list, loaded after it and kept while it refreshes. */
export function useTopicStats(clusterId: string, opts: { enabled?: boolean } = {}) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.stats(clusterId),
    queryFn: ({ signal }) => bridge.call('topics.stats', { clusterId }, { signal }),
    enabled: opts.enabled ?? true,
    refetchInterval: STATS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** A topic page watches its watermarks: they refresh in the background at this pace. */
const DETAIL_REFRESH_MS = 15_000;

export function useTopic(clusterId: string, topic: string, opts: { live?: boolean } = {}) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.detail(clusterId, topic),
    queryFn: () => bridge.call('topics.get', { clusterId, topic }),
    refetchInterval: opts.live ? DETAIL_REFRESH_MS : false,
  });
}

/** After a change to one topic: its details, the list and the stats are stale; its messages only if records went. */
function useTopicChanged(clusterId: string) {
  const qc = useQueryClient();
  return (topic: string | null, opts: { records?: boolean } = {}) => {
    void qc.invalidateQueries({ queryKey: topicKeys.list(clusterId), exact: true });
    void qc.invalidateQueries({ queryKey: topicKeys.stats(clusterId) });
    void qc.invalidateQueries({ queryKey: clusterKeys.overview(clusterId) });
    if (topic === null) return;
    void qc.invalidateQueries({ queryKey: topicKeys.detail(clusterId, topic), exact: !opts.records });
  };
}

export function useCreateTopic(clusterId: string) {
  const bridge = useBridge();
  const changed = useTopicChanged(clusterId);
  return useMutation({
    mutationFn: (params: Omit<CreateTopicParams, 'clusterId'>) =>
      bridge.call('topics.create', { ...params, clusterId }),
    onSuccess: (r) => {
      if (!r.validateOnly) changed(null);
    },
  });
}

/**
 * The broker's validate-only answer for a topic as it is being typed: the same checks as a real
 * create (config names and values, policies, an existing name), nothing created.
 */
export function useCreateTopicCheck(clusterId: string, params: Omit<CreateTopicParams, 'clusterId'> | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: [...clusterKeys.cluster(clusterId), 'create-check', params] as const,
    queryFn: ({ signal }) => bridge.call('topics.create', { ...params!, clusterId, validateOnly: true }, { signal }),
    enabled: params !== null,
    retry: false,
    staleTime: 5_000,
    gcTime: 30_000,
  });
}

export function useDeleteTopic(clusterId: string, topic: string) {
  const bridge = useBridge();
  const qc = useQueryClient();
  const changed = useTopicChanged(clusterId);
  return useMutation({
    mutationFn: (confirmName: string) => bridge.call('topics.delete', { clusterId, topic, confirmName }),
    onSuccess: () => {
      changed(null);
      // Nothing about the deleted topic is worth keeping, and refetching it would only say "not found".
      qc.removeQueries({ queryKey: topicKeys.detail(clusterId, topic) });
    },
  });
}

export function useAddPartitions(clusterId: string, topic: string) {
  const bridge = useBridge();
  const changed = useTopicChanged(clusterId);
  return useMutation({
    mutationFn: (totalCount: number) => bridge.call('topics.addPartitions', { clusterId, topic, totalCount }),
    onSuccess: () => changed(topic, { records: true }),
  });
}

export function useKeyMovePreview(clusterId: string, topic: string, totalCount: number | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.keyMoves(clusterId, topic, totalCount ?? 0),
    queryFn: ({ signal }) =>
      bridge.call('topics.keyMovePreview', { clusterId, topic, totalCount: totalCount!, sample: 1000 }, { signal }),
    enabled: totalCount !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export function usePurge(clusterId: string, topic: string) {
  const bridge = useBridge();
  const changed = useTopicChanged(clusterId);
  return useMutation({
    mutationFn: (partitions: PurgeParams['partitions']) =>
      bridge.call('topics.purge', { clusterId, topic, partitions }),
    onSuccess: () => changed(topic, { records: true }),
  });
}
