import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConfigChange, ConfigResource } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';
import { topicKeys } from './topics.js';

export const configKeys = {
  all: (clusterId: string) => [...clusterKeys.cluster(clusterId), 'configs'] as const,
  resource: (clusterId: string, resource: ConfigResource) =>
    [...clusterKeys.cluster(clusterId), 'configs', resource.type, resource.name] as const,
};

export function useConfigs(clusterId: string, resource: ConfigResource) {
  const bridge = useBridge();
  return useQuery({
    queryKey: configKeys.resource(clusterId, resource),
    queryFn: ({ signal }) => bridge.call('configs.describe', { clusterId, resource }, { signal }),
  });
}

export function useAlterConfigs(clusterId: string, resource: ConfigResource) {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, validateOnly }: { changes: ConfigChange[]; validateOnly: boolean }) =>
      bridge.call('configs.alter', { clusterId, resource, changes, validateOnly }),
    onSuccess: (r) => {
      if (r.validateOnly) return;
      // A broker's change can move every topic config that falls back to it.
      void qc.invalidateQueries({
        queryKey: resource.type === 'broker' ? configKeys.all(clusterId) : configKeys.resource(clusterId, resource),
      });
      // min.insync.replicas feeds partition health and the topic list's Health column.
      void qc.invalidateQueries({ queryKey: clusterKeys.partitionHealth(clusterId) });
      void qc.invalidateQueries({ queryKey: topicKeys.stats(clusterId) });
    },
  });
}
