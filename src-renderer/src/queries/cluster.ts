import { useQuery } from '@tanstack/react-query';
import { useBridge } from '../bridge/context.js';

/** Everything read from a cluster lives under ['clusters', id], so one key drops or refreshes all of it. */
const all = ['clusters'] as const;
const cluster = (clusterId: string) => [...all, clusterId] as const;

export const clusterKeys = {
  all,
  cluster,
  overview: (clusterId: string) => [...cluster(clusterId), 'overview'] as const,
};

export function useClusterOverview(clusterId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: clusterKeys.overview(clusterId),
    queryFn: () => bridge.call('cluster.overview', { clusterId }),
  });
}
