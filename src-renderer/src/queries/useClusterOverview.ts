import { useQuery } from '@tanstack/react-query';
import type { AppError, ClusterOverview } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './keys.js';

export function useClusterOverview(clusterId: string) {
  const bridge = useBridge();
  return useQuery<ClusterOverview, AppError>({
    queryKey: clusterKeys.overview(clusterId),
    queryFn: () => bridge.call('cluster.overview', { clusterId }),
  });
}
