// @vitest-environment jsdom
import { act, cleanup, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../contract.js';
import { fakeBridge, renderHookWith, testQueryClient } from '../testing/render.js';
import { connectionStatus, useClusterDataUpdatedAt, useConnectionHealth, useHealthFeed } from './health.js';

afterEach(cleanup);

const health = (over: Partial<ConnectionHealth>): ConnectionHealth => ({
  id: 'c1',
  state: 'online',
  checkedAt: 1,
  lastOnlineAt: 1,
  brokerCount: 3,
  problem: null,
  ...over,
});

describe('connectionStatus', () => {
  const saved = { sandbox: false };
  const sandbox = { sandbox: true };

  it('words a saved connection by its health', () => {
    expect(connectionStatus(saved, undefined, undefined)).toMatchObject({ word: 'Checking…', down: false });
    expect(connectionStatus(saved, health({}), undefined)).toMatchObject({
      word: 'Connected',
      tone: 'ok',
      online: true,
    });
    const refused = health({
      state: 'offline',
      problem: { code: 'CONNECTION_FAILED', message: 'Could not reach any broker (connection refused).' },
    });
    expect(connectionStatus(saved, refused, undefined)).toMatchObject({
      word: 'Unreachable',
      tone: 'error',
      down: true,
      sandboxDown: false,
      problem: 'Could not reach any broker (connection refused).',
    });
    const refusedLogin = health({ state: 'offline', problem: { code: 'AUTH_FAILED', message: 'Wrong password.' } });
    expect(connectionStatus(saved, refusedLogin, undefined).word).toBe('Login refused');
  });

  it('words the sandbox by its own state first: Start is what fixes a stopped one', () => {
    expect(connectionStatus(sandbox, health({}), { state: 'stopped', error: null })).toMatchObject({
      word: 'Stopped',
      down: true,
      sandboxDown: true,
      problem: 'The sandbox is stopped.',
    });
    expect(connectionStatus(sandbox, undefined, { state: 'starting', error: null })).toMatchObject({
      word: 'Starting…',
      tone: 'busy',
      down: false,
    });
    expect(
      connectionStatus(sandbox, undefined, { state: 'failed', error: 'Port 9092 is already in use.' }),
    ).toMatchObject({ word: 'Failed', tone: 'error', sandboxDown: true, problem: 'Port 9092 is already in use.' });
    expect(connectionStatus(sandbox, health({}), { state: 'running', error: null }).word).toBe('Connected');
  });
});

describe('useHealthFeed', () => {
  it('keeps each connection’s latest health, and refetches a cluster that comes back', async () => {
    const { bridge, subscriptions } = fakeBridge({ 'cluster.overview': () => ({ topicCount: 1 }) });
    const client = testQueryClient();
    let fetches = 0;
    const hook = renderHookWith(
      () => {
        useHealthFeed();
        useQuery({ queryKey: ['clusters', 'c1', 'overview'], queryFn: () => ++fetches });
        return { c1: useConnectionHealth('c1'), updatedAt: useClusterDataUpdatedAt('c1') };
      },
      bridge,
      client,
    );
    expect(subscriptions[0]).toMatchObject({ name: 'connections.health', params: {} });
    await waitFor(() => expect(hook.result.current.updatedAt).toBeGreaterThan(0));
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'offline' }), health({ id: 'c2' })] as never));
    await waitFor(() => expect(hook.result.current.c1?.state).toBe('offline'));
    expect(fetches).toBe(1);
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'online' })] as never));
    await waitFor(() => expect(hook.result.current.c1?.state).toBe('online'));
    await waitFor(() => expect(fetches).toBe(2));
    // Offline, then checked again, then online: still a cluster that came back.
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'offline' })] as never));
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'checking' })] as never));
    await waitFor(() => expect(hook.result.current.c1?.state).toBe('checking'));
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'online' })] as never));
    await waitFor(() => expect(fetches).toBe(3));
  });

  it('a request still in flight from while the cluster was down does not decide what the page shows', async () => {
    const { bridge, subscriptions } = fakeBridge({});
    const client = testQueryClient();
    const calls: { settle: (ok: boolean) => void }[] = [];
    const hook = renderHookWith(
      () => {
        useHealthFeed();
        // No data yet, and its first answer comes only after the cluster is back.
        return useQuery({
          queryKey: ['clusters', 'c1', 'topics'],
          retry: false,
          queryFn: () =>
            new Promise<string>((resolve, reject) =>
              calls.push({ settle: (ok) => (ok ? resolve('topics') : reject(new Error('connection refused'))) }),
            ),
        });
      },
      bridge,
      client,
    );
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'offline' })] as never));
    await waitFor(() => expect(calls).toHaveLength(1));
    act(() => subscriptions[0]!.handlers.onItems([health({ state: 'online' })] as never));
    await waitFor(() => expect(calls).toHaveLength(2));
    act(() => calls[0]!.settle(false)); // the late failure of the old request
    act(() => calls[1]!.settle(true));
    await waitFor(() => expect(hook.result.current.data).toBe('topics'));
    expect(hook.result.current.error).toBeNull();
  });
});
