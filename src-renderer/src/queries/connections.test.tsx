// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, waitFor } from '@testing-library/react';
import type { ConnectionProfile } from '../contract.js';
import { fakeBridge, renderHookWith, testQueryClient } from '../testing/render.js';
import { clusterKeys } from './cluster.js';
import { connectionKeys, useRemoveConnection, useSaveConnection } from './connections.js';
import { topicKeys } from './topics.js';

afterEach(cleanup);

const profile = (id: string, name = id): ConnectionProfile => ({
  id,
  name,
  bootstrapServers: ['localhost:9092'],
  tls: false,
  sasl: null,
  sandbox: false,
  createdAt: 0,
  updatedAt: 0,
});

const input = { name: 'renamed', bootstrapServers: ['other:9092'], tls: false, sasl: null };

describe('connection mutations', () => {
  it("removing a connection drops it from the list and forgets that cluster's data, no other", async () => {
    const { bridge } = fakeBridge({ 'connections.remove': () => ({ removed: true }) });
    const client = testQueryClient();
    client.setQueryData(connectionKeys.all, [profile('a'), profile('b')]);
    client.setQueryData(topicKeys.list('a'), []);
    client.setQueryData(topicKeys.list('b'), []);

    const { result } = renderHookWith(useRemoveConnection, bridge, client);
    act(() => result.current.mutate('a'));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(client.getQueryData(connectionKeys.all)).toEqual([profile('b')]);
    expect(client.getQueryData(topicKeys.list('a'))).toBeUndefined();
    expect(client.getQueryData(topicKeys.list('b'))).toEqual([]);
  });

  it('updating a connection replaces it in the list and marks its cluster stale', async () => {
    const { bridge } = fakeBridge({ 'connections.update': () => profile('a', 'renamed') });
    const client = testQueryClient();
    client.setQueryData(connectionKeys.all, [profile('a'), profile('b')]);
    client.setQueryData(clusterKeys.overview('a'), {});
    client.setQueryData(clusterKeys.overview('b'), {});

    const { result } = renderHookWith(useSaveConnection, bridge, client);
    act(() => result.current.mutate({ id: 'a', input }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(client.getQueryData(connectionKeys.all)).toEqual([profile('a', 'renamed'), profile('b')]);
    expect(client.getQueryState(clusterKeys.overview('a'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(clusterKeys.overview('b'))?.isInvalidated).toBe(false);
  });

  it('creating a connection appends it', async () => {
    const { bridge, calls } = fakeBridge({ 'connections.create': () => profile('c', 'renamed') });
    const client = testQueryClient();
    client.setQueryData(connectionKeys.all, [profile('a')]);

    const { result } = renderHookWith(useSaveConnection, bridge, client);
    act(() => result.current.mutate({ id: null, input }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(calls[0]).toEqual({ method: 'connections.create', params: input });
    expect(client.getQueryData(connectionKeys.all)).toEqual([profile('a'), profile('c', 'renamed')]);
  });
});
