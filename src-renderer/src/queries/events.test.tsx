// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, waitFor } from '@testing-library/react';
import type { ConnectionProfile, SandboxStatus } from '../contract.js';
import { fakeBridge, renderHookWith, testQueryClient } from '../testing/render.js';
import { clusterKeys } from './cluster.js';
import { connectionKeys } from './connections.js';
import { useEventCache } from './events.js';
import { sandboxKeys } from './sandbox.js';

afterEach(cleanup);

const profile: ConnectionProfile = {
  id: 'p1',
  name: 'local',
  bootstrapServers: ['localhost:9092'],
  tls: false,
  sasl: null,
  sandbox: false,
  createdAt: 0,
  updatedAt: 0,
};

const status: SandboxStatus = {
  state: 'running',
  host: '127.0.0.1',
  port: 9092,
  dataDir: '/tmp/sandbox',
  dataSizeBytes: 0,
  pid: 1,
  startedAt: 0,
  error: null,
  suggestedPort: null,
};

describe('useEventCache', () => {
  it('writes pushed connections and sandbox status into their queries', () => {
    const { bridge, emit } = fakeBridge({});
    const client = testQueryClient();
    renderHookWith(useEventCache, bridge, client);
    act(() => emit('connections.changed', { connections: [profile] }));
    act(() => emit('sandbox.status', status));
    expect(client.getQueryData(connectionKeys.all)).toEqual([profile]);
    expect(client.getQueryData(sandboxKeys.status)).toEqual(status);
  });

  it('refetches the sandbox cluster’s answers when the sandbox runs again, and only then', async () => {
    const { bridge, emit } = fakeBridge({});
    const client = testQueryClient();
    const sandboxProfile = { ...profile, id: 'sb', sandbox: true };
    client.setQueryData(connectionKeys.all, [profile, sandboxProfile]);
    client.setQueryData(clusterKeys.overview('sb'), {});
    client.setQueryData(clusterKeys.overview('p1'), {});
    renderHookWith(useEventCache, bridge, client);
    const stale = (id: string) => client.getQueryState(clusterKeys.overview(id))?.isInvalidated;
    act(() => emit('sandbox.status', status));
    expect(stale('sb')).toBe(false); // first status: nothing was missed
    act(() => emit('sandbox.status', { ...status, state: 'stopped' }));
    act(() => emit('sandbox.status', { ...status, state: 'starting' }));
    expect(stale('sb')).toBe(false);
    act(() => emit('sandbox.status', status));
    await waitFor(() => expect(stale('sb')).toBe(true));
    expect(stale('p1')).toBe(false);
  });

  it('stops listening when unmounted', () => {
    const { bridge, emit } = fakeBridge({});
    const client = testQueryClient();
    renderHookWith(useEventCache, bridge, client).unmount();
    emit('connections.changed', { connections: [profile] });
    expect(client.getQueryData(connectionKeys.all)).toBeUndefined();
  });

  it('marks every query stale after the link comes back, not on the first open', () => {
    const { bridge, setLink } = fakeBridge({});
    const client = testQueryClient();
    client.setQueryData(clusterKeys.overview('p1'), {});
    renderHookWith(useEventCache, bridge, client);
    act(() => setLink('open'));
    expect(client.getQueryState(clusterKeys.overview('p1'))?.isInvalidated).toBe(false);
    act(() => setLink('reconnecting'));
    act(() => setLink('open'));
    expect(client.getQueryState(clusterKeys.overview('p1'))?.isInvalidated).toBe(true);
  });
});
