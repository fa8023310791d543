import { describe, expect, it } from 'vitest';
import type { AppError, CallOutcome, IpcStreamMessage } from '../contract.js';
import { createIpcBridge } from './ipc.js';
import type { SamsaPreloadBridge } from './types.js';

/** Plays the preload and main: records what the bridge sends, lets the test answer. */
function fakePreload() {
  const sent: unknown[][] = [];
  const answers = new Map<number, (o: CallOutcome) => void>();
  let stream: ((m: IpcStreamMessage) => void) | null = null;
  const preload: SamsaPreloadBridge = {
    call: (method, params, callId) => {
      sent.push(['call', method, params, callId]);
      return new Promise((resolve) => answers.set(callId!, resolve));
    },
    cancel: (callId) => sent.push(['cancel', callId]),
    subscribe: (id, name, params) => sent.push(['subscribe', id, name, params]),
    unsubscribe: (id) => sent.push(['unsubscribe', id]),
    onStream: (cb) => {
      stream = cb;
      return () => {};
    },
    onEvent: () => () => {},
  };
  return {
    preload,
    sent,
    answer: (id: number, o: CallOutcome) => answers.get(id)!(o),
    push: (m: IpcStreamMessage) => stream!(m),
  };
}

describe('IPC bridge', () => {
  it('passes a call id so main can cancel it; cancelling rejects at once with CANCELLED', async () => {
    const f = fakePreload();
    const bridge = createIpcBridge(f.preload);
    const ok = bridge.call('app.info', {});
    const callId = f.sent[0]![3] as number;
    f.answer(callId, { ok: true, result: 'info' });
    await expect(ok).resolves.toBe('info');

    const abort = new AbortController();
    const p = bridge.call('topics.list', { clusterId: 'c' }, { signal: abort.signal }).catch((e: AppError) => e);
    const id = f.sent[1]![3] as number;
    abort.abort();
    expect(((await p) as AppError).code).toBe('CANCELLED');
    expect(f.sent[2]).toEqual(['cancel', id]);
  });

  it('runs subscriptions over the stream channel and stops them', () => {
    const f = fakePreload();
    const bridge = createIpcBridge(f.preload);
    const texts: string[] = [];
    const ends: (AppError | null)[] = [];
    const stop = bridge.subscribe(
      'sandbox.tailLog',
      { backlog: 1 },
      {
        onItems: (items) => texts.push(...items.map((l) => l.text)),
        onEnd: (e) => ends.push(e),
      },
    );
    const [, id, name, params] = f.sent[0]!;
    expect([name, params]).toEqual(['sandbox.tailLog', { backlog: 1 }]);
    f.push({ id: id as number, items: [{ time: 1, level: 'info', text: 'x' }] });
    stop();
    expect(f.sent[1]).toEqual(['unsubscribe', id]);
    f.push({ id: id as number, items: [{ time: 2, level: 'info', text: 'late' }] });
    expect(texts).toEqual(['x']);

    bridge.subscribe('sandbox.tailLog', {}, { onItems: () => {}, onEnd: (e) => ends.push(e) });
    const second = f.sent[2]![1] as number;
    f.push({ id: second, end: true, error: { code: 'SANDBOX_ERROR', message: 'gone' } });
    f.push({ id: second, end: true });
    expect(ends.map((e) => e?.code)).toEqual(['SANDBOX_ERROR']);
  });
});
