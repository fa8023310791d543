import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useBridge, useLinkState } from '../bridge/context.js';
import type { ConnectionProfile, SandboxStatus } from '../contract.js';
import { refreshCluster } from './health.js';
import { connectionKeys } from './connections.js';
import { sandboxKeys } from './sandbox.js';

/** Pushed events write into the cache; after a reconnect, refetch whatever events we missed. */
export function useEventCache(): void {
  const bridge = useBridge();
  const qc = useQueryClient();
  const link = useLinkState();
  const wasDown = useRef(false);

  useEffect(() => {
    const offConnections = bridge.onEvent('connections.changed', ({ connections }) =>
      qc.setQueryData(connectionKeys.all, connections),
    );
    const offSandbox = bridge.onEvent('sandbox.status', (status) => {
      const was = qc.getQueryData<SandboxStatus>(sandboxKeys.status)?.state;
      qc.setQueryData(sandboxKeys.status, status);
      // Started again: what its pages asked while it was down were errors; ask again now it answers.
      if (status.state === 'running' && was !== undefined && was !== 'running') {
        refreshCluster(qc, qc.getQueryData<ConnectionProfile[]>(connectionKeys.all)?.find((p) => p.sandbox)?.id);
      }
    });
    return () => {
      offConnections();
      offSandbox();
    };
  }, [bridge, qc]);

  useEffect(() => {
    if (link === 'reconnecting') wasDown.current = true;
    if (link === 'open' && wasDown.current) {
      wasDown.current = false;
      void qc.invalidateQueries();
    }
  }, [link, qc]);
}
