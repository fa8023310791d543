// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../contract.js';
import { fakeBridge, renderHookWith } from '../testing/render.js';
import { useSandboxLog } from './sandbox.js';
import { useSubscription } from './subscription.js';

afterEach(cleanup);

describe('useSubscription', () => {
  it('subscribes with its params, delivers items, and stops on unmount', () => {
    const { bridge, subscriptions } = fakeBridge({});
    const seen: string[] = [];
    const hook = renderHookWith(
      () => useSubscription('sandbox.tailLog', { backlog: 3 }, (items) => seen.push(...items.map((l) => l.text))),
      bridge,
    );
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({ name: 'sandbox.tailLog', params: { backlog: 3 }, stopped: false });
    act(() => subscriptions[0]!.handlers.onItems([{ time: 1, level: 'info', text: 'a' }] as never));
    expect(seen).toEqual(['a']);
    hook.unmount();
    expect(subscriptions[0]!.stopped).toBe(true);
  });

  it('shows an error, and starts over once a lost link is back', async () => {
    const { bridge, subscriptions, setLink } = fakeBridge({});
    let restarts = 0;
    const hook = renderHookWith(
      () => useSubscription('sandbox.tailLog', {}, () => {}, { onRestart: () => restarts++ }),
      bridge,
    );
    act(() => setLink('reconnecting'));
    act(() => subscriptions[0]!.handlers.onEnd!(new AppError('CONNECTION_FAILED', 'Lost the connection')));
    expect(hook.result.current.error?.code).toBe('CONNECTION_FAILED');
    expect(subscriptions).toHaveLength(1);
    await act(async () => setLink('open'));
    expect(subscriptions).toHaveLength(2);
    expect(restarts).toBe(1);
    expect(hook.result.current.error).toBeNull();
  });

  it('does not restart a stream that failed for another reason', () => {
    const { bridge, subscriptions, setLink } = fakeBridge({});
    const hook = renderHookWith(() => useSubscription('sandbox.tailLog', {}, () => {}), bridge);
    act(() => subscriptions[0]!.handlers.onEnd!(new AppError('VALIDATION', 'backlog: too big')));
    act(() => setLink('open'));
    expect(subscriptions).toHaveLength(1);
    expect(hook.result.current).toEqual({ error: expect.any(AppError), ended: false });
  });
});

describe('useSandboxLog', () => {
  it('asks for the backlog and shows lines as they stream in', async () => {
    const { bridge, subscriptions } = fakeBridge({});
    const hook = renderHookWith(useSandboxLog, bridge);
    expect(subscriptions[0]!.params).toEqual({ backlog: 2000 });
    await act(async () => {
      subscriptions[0]!.handlers.onItems([
        { time: 1, level: 'info', text: 'one' },
        { time: 2, level: 'warn', text: 'two' },
      ] as never);
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
    expect(hook.result.current.lines.map((l) => l.text)).toEqual(['one', 'two']);
  });
});
