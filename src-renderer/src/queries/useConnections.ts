import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AppError,
  ConnectionInput,
  ConnectionProfile,
  ConnectionTestParams,
  ConnectionTestResult,
} from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys, connectionKeys } from './keys.js';

export function useConnections() {
  const bridge = useBridge();
  return useQuery<ConnectionProfile[], AppError>({
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
  return useMutation<ConnectionProfile, AppError, { id: string | null; input: ConnectionInput }>({
    mutationFn: ({ id, input }) =>
      id ? bridge.call('connections.update', { id, input }) : bridge.call('connections.create', input),
    onSuccess: (saved, { id }) => {
      qc.setQueryData<ConnectionProfile[]>(connectionKeys.all, (list = []) =>
        list.some((c) => c.id === saved.id) ? list.map((c) => (c.id === saved.id ? saved : c)) : [...list, saved],
      );
      // New settings may point at another cluster: drop what we knew about the old one.
      if (id) void qc.invalidateQueries({ queryKey: clusterKeys.all(id) });
    },
  });
}

export function useRemoveConnection() {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation<{ removed: boolean }, AppError, string>({
    mutationFn: (id) => bridge.call('connections.remove', { id }),
    onSuccess: (_r, id) => {
      qc.setQueryData<ConnectionProfile[]>(connectionKeys.all, (list = []) => list.filter((c) => c.id !== id));
      qc.removeQueries({ queryKey: clusterKeys.all(id) });
    },
  });
}

export function useTestConnection() {
  const bridge = useBridge();
  return useMutation<ConnectionTestResult, AppError, ConnectionTestParams>({
    mutationFn: (input) => bridge.call('connections.test', input),
  });
}
