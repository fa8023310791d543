import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionInput, ConnectionProfile, ConnectionTestParams } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';

export const connectionKeys = {
  all: ['connections'] as const,
};

export function useConnections() {
  const bridge = useBridge();
  return useQuery({
    queryKey: connectionKeys.all,
    queryFn: () => bridge.call('connections.list', {}),
    staleTime: Infinity, // kept fresh by the connections.changed event
  });
}

export function useConnection(id: string | null): ConnectionProfile | undefined {
  const { data } = useConnections();
  return id ? data?.find((c) => c.id === id) : undefined;
}

/** Create when `id` is null, update otherwise. */
export function useSaveConnection() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ConnectionInput }) =>
      id ? bridge.call('connections.update', { id, input }) : bridge.call('connections.create', input),
    onSuccess: (saved, { id }) => {
      qc.setQueryData<ConnectionProfile[]>(connectionKeys.all, (list = []) =>
        list.some((c) => c.id === saved.id) ? list.map((c) => (c.id === saved.id ? saved : c)) : [...list, saved],
      );
      // New settings may point at another cluster: drop what we knew about the old one.
      if (id) void qc.invalidateQueries({ queryKey: clusterKeys.cluster(id) });
    },
  });
}

export function useRemoveConnection() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => bridge.call('connections.remove', { id }),
    onSuccess: (_r, id) => {
      qc.setQueryData<ConnectionProfile[]>(connectionKeys.all, (list = []) => list.filter((c) => c.id !== id));
      qc.removeQueries({ queryKey: clusterKeys.cluster(id) });
    },
  });
}

export function useTestConnection() {
  const bridge = useBridge();
  return useMutation({
    mutationFn: (input: ConnectionTestParams) => bridge.call('connections.test', input),
  });
}
