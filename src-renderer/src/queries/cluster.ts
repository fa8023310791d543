import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useBridge } from '../bridge/context.js';

/** Everything read from a cluster lives under ['clusters', id], so one key drops or refreshes all of it. */
const all = ['clusters'] as const;
const cluster = (clusterId: string) => [...all, clusterId] as const;

export const clusterKeys = {
  all,
  cluster,
  overview: (clusterId: string) => [...cluster(clusterId), 'overview'] as const,
  brokers: (clusterId: string) => [...cluster(clusterId), 'brokers'] as const,
  partitionHealth: (clusterId: string) => [...cluster(clusterId), 'partition-health'] as const,
};

/** Health is watched: it refreshes in the background while on screen. */
const HEALTH_REFRESH_MS = 15_000;

export function useClusterOverview(clusterId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: clusterKeys.overview(clusterId),
    queryFn: () => bridge.call('cluster.overview', { clusterId }),
  });
}

export function useBrokers(clusterId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: clusterKeys.brokers(clusterId),
    queryFn: ({ signal }) => bridge.call('cluster.brokers', { clusterId }, { signal }),
    refetchInterval: HEALTH_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function usePartitionHealth(clusterId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: clusterKeys.partitionHealth(clusterId),
    queryFn: ({ signal }) => bridge.call('cluster.partitionHealth', { clusterId }, { signal }),
    refetchInterval: HEALTH_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
