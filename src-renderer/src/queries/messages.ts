import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageParams, TopicViewSettings } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { topicKeys } from './topics.js';

export type PageQuery = Pick<PageParams, 'partitions' | 'from' | 'limit'>;

const all = (clusterId: string, topic: string) => [...topicKeys.detail(clusterId, topic), 'messages'] as const;

export const messageKeys = {
  all,
  page: (clusterId: string, topic: string, q: PageQuery) => [...all(clusterId, topic), 'page', q] as const,
  record: (clusterId: string, topic: string, partition: number, offset: string) =>
    [...all(clusterId, topic), 'record', partition, offset] as const,
  view: (clusterId: string, topic: string) => [...all(clusterId, topic), 'view-settings'] as const,
};

/** One page of messages; the old page stays on screen while the next one loads (no flash, no jump). */
export function useMessagePage(clusterId: string, topic: string, q: PageQuery) {
  const bridge = useBridge();
  return useQuery({
    queryKey: messageKeys.page(clusterId, topic, q),
    queryFn: ({ signal }) => bridge.call('messages.page', { clusterId, topic, ...q }, { signal }),
    placeholderData: keepPreviousData,
    // A page read from positions is what it is; "newest" is read again on Refresh.
    staleTime: Infinity,
  });
}

/** The whole record for the detail pane (values up to 24 MiB); dropped soon after closing, big values are big. */
export function useMessage(clusterId: string, topic: string, partition: number, offset: string, enabled = true) {
  const bridge = useBridge();
  return useQuery({
    queryKey: messageKeys.record(clusterId, topic, partition, offset),
    queryFn: ({ signal }) => bridge.call('messages.get', { clusterId, topic, partition, offset }, { signal }),
    enabled,
    staleTime: Infinity,
    gcTime: 20_000,
  });
}

export const DEFAULT_VIEW: TopicViewSettings = { keyFormat: 'auto', valueFormat: 'auto' };

export function useViewSettings(clusterId: string, topic: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: messageKeys.view(clusterId, topic),
    queryFn: () => bridge.call('messages.viewSettings', { clusterId, topic }),
    staleTime: Infinity,
  });
}

/** Saves the key/value formats for this topic; the screen changes at once. */
export function useSaveViewSettings(clusterId: string, topic: string) {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (settings: TopicViewSettings) =>
      bridge.call('messages.saveViewSettings', { clusterId, topic, settings }),
    onMutate: (settings) => qc.setQueryData(messageKeys.view(clusterId, topic), settings),
  });
}
