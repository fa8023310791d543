import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../contract.js';
import { createWsBridge, type WebSocketLike } from './ws.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close(code = 1000, reason = '') {
    this.drop(code, reason);
  }
  // Test helpers, playing the server.
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  lastRequest() {
    return JSON.parse(this.sent[this.sent.length - 1]!) as { id: number; method: string; params: unknown };
  }
}

function setup(opts: { queueTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const bridge = createWsBridge({
    url: 'ws://127.0.0.1:5174/api?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoff: (attempt) => 100 * (attempt + 1),
    queueTimeoutMs: opts.queueTimeoutMs ?? 1000,
  });
  return { bridge, sockets, current: () => sockets[sockets.length - 1]! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('WebSocket bridge', () => {
  it('connects to the given URL and sends call frames with increasing ids', async () => {
    const { bridge, current } = setup();
    expect(current().url).toBe('ws://127.0.0.1:5174/api?token=t');
    current().open();
    const a = bridge.call('connections.list', {});
    const b = bridge.call('topics.list', { clusterId: 'c1' });
    const frames = current().sent.map((s) => JSON.parse(s));
    expect(frames).toEqual([
      { type: 'call', id: 1, method: 'connections.list', params: {} },
      { type: 'call', id: 2, method: 'topics.list', params: { clusterId: 'c1' } },
    ]);
    // Answers may arrive out of order; ids pair them up.
    current().reply({ type: 'result', id: 2, ok: true, result: [{ name: 't' }] });
    current().reply({ type: 'result', id: 1, ok: true, result: [] });
    await expect(a).resolves.toEqual([]);
    await expect(b).resolves.toEqual([{ name: 't' }]);
  });

  it('rethrows ok:false outcomes as AppError with code, detail and field', async () => {
    const { bridge, current } = setup();
    current().open();
    const p = bridge.call('connections.create', { name: '', bootstrapServers: [] });
    current().reply({
      type: 'result',
      id: current().lastRequest().id,
      ok: false,
      error: { code: 'VALIDATION', message: 'Name is required', field: 'name', detail: 'zod' },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION', message: 'Name is required', field: 'name', detail: 'zod' });
  });

  it('queues calls made before the socket opens and sends them on open', async () => {
    const { bridge, current } = setup();
    const p = bridge.call('app.info', {});
    expect(current().sent).toHaveLength(0);
    current().open();
    expect(current().lastRequest().method).toBe('app.info');
    current().reply({ type: 'result', id: 1, ok: true, result: { version: '1', mode: 'browser', dataDir: '/d' } });
    await expect(p).resolves.toMatchObject({ mode: 'browser' });
  });

  it('fails queued calls with a clear message when the backend stays unreachable', async () => {
    const { bridge } = setup({ queueTimeoutMs: 500 });
    const p = bridge.call('app.info', {}).catch((e: AppError) => e);
    await vi.advanceTimersByTimeAsync(500);
    const err = await p;
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/Cannot reach Samsa's backend/);
  });

  it('rejects calls in flight when the socket drops, then reconnects with backoff', async () => {
    const { bridge, sockets, current } = setup();
    const states: string[] = [];
    bridge.onLinkChange!((s) => states.push(s));
    current().open();
    const p = bridge.call('topics.list', { clusterId: 'c1' }).catch((e: AppError) => e);
    current().drop(1006);
    const err = (await p) as AppError;
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toMatch(/Lost the connection.*"topics.list"/);
    expect(err.detail).toMatch(/1006/);

    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    // Second failure waits longer.
    current().drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    current().open();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);

    // Works again after reconnecting.
    const q = bridge.call('connections.list', {});
    current().reply({ type: 'result', id: current().lastRequest().id, ok: true, result: [] });
    await expect(q).resolves.toEqual([]);
  });

  it('resets the backoff after a successful open', async () => {
    const { sockets, current } = setup();
    current().open();
    current().drop();
    await vi.advanceTimersByTimeAsync(100);
    current().open();
    current().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(3);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { bridge, current } = setup();
    current().open();
    const seen: unknown[] = [];
    const off = bridge.onEvent('sandbox.status', (status) => seen.push(status.state));
    current().reply({ type: 'event', event: 'sandbox.status', payload: { state: 'running' } });
    current().reply({ type: 'event', event: 'connections.changed', payload: { connections: [] } });
    off();
    current().reply({ type: 'event', event: 'sandbox.status', payload: { state: 'stopped' } });
    expect(seen).toEqual(['running']);
  });

  it('ignores malformed frames and unknown ids', async () => {
    const { bridge, current } = setup();
    current().open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    current().onmessage?.({ data: 'not json' });
    current().reply({ type: 'result', id: 999, ok: true, result: 1 });
    const p = bridge.call('app.info', {});
    current().reply({ type: 'result', id: 1, ok: true, result: 'fine' });
    await expect(p).resolves.toBe('fine');
    warn.mockRestore();
  });

  it('turns an unreadable error payload into an INTERNAL AppError', async () => {
    const { bridge, current } = setup();
    current().open();
    const p = bridge.call('app.info', {}).catch((e: AppError) => e);
    current().reply({ type: 'result', id: 1, ok: false, error: { weird: true } });
    expect(((await p) as AppError).code).toBe('INTERNAL');
  });

  it('dispose stops reconnecting and cancels queued calls', async () => {
    const { bridge, sockets } = setup();
    const p = bridge.call('app.info', {}).catch((e: AppError) => e);
    bridge.dispose();
    expect(((await p) as AppError).code).toBe('CANCELLED');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('cancels a queued call locally and a sent call in main, rejecting with CANCELLED at once', async () => {
    const { bridge, current } = setup();
    const queuedAbort = new AbortController();
    const queued = bridge.call('app.info', {}, { signal: queuedAbort.signal }).catch((e: AppError) => e);
    queuedAbort.abort();
    expect(((await queued) as AppError).code).toBe('CANCELLED');
    current().open();
    expect(current().sent).toEqual([]); // the cancelled call never went out

    const abort = new AbortController();
    const p = bridge.call('topics.list', { clusterId: 'c' }, { signal: abort.signal }).catch((e: AppError) => e);
    const { id } = current().lastRequest();
    abort.abort();
    expect(((await p) as AppError).code).toBe('CANCELLED');
    expect(JSON.parse(current().sent.at(-1)!)).toEqual({ type: 'cancel', id });
    // The late answer from main is ignored.
    current().reply({ type: 'result', id, ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
  });

  it('runs a subscription: sends its params, delivers item batches in order, stops on unsubscribe', () => {
    const { bridge, current } = setup();
    const items: unknown[] = [];
    const ends: unknown[] = [];
    // Subscribing while the link is still connecting sends the frame once it opens.
    const stop = bridge.subscribe(
      'sandbox.tailLog',
      { backlog: 5 },
      { onItems: (batch) => items.push(...batch.map((l) => l.text)), onEnd: (e) => ends.push(e) },
    );
    current().open();
    const frame = JSON.parse(current().sent[0]!);
    expect(frame).toEqual({ type: 'subscribe', id: frame.id, name: 'sandbox.tailLog', params: { backlog: 5 } });
    current().reply({ type: 'items', id: frame.id, items: [{ text: 'a' }, { text: 'b' }] });
    current().reply({ type: 'items', id: frame.id, items: [{ text: 'c' }] });
    current().reply({ type: 'items', id: 999, items: [{ text: 'not ours' }] });
    expect(items).toEqual(['a', 'b', 'c']);
    stop();
    expect(JSON.parse(current().sent.at(-1)!)).toEqual({ type: 'unsubscribe', id: frame.id });
    current().reply({ type: 'items', id: frame.id, items: [{ text: 'late' }] });
    expect(items).toEqual(['a', 'b', 'c']);
    expect(ends).toEqual([]);
  });

  it('ends a subscription with the error main sends, and with CONNECTION_FAILED when the link drops', () => {
    const { bridge, current } = setup();
    current().open();
    const ends: (AppError | null)[] = [];
    bridge.subscribe('sandbox.tailLog', {}, { onItems: () => {}, onEnd: (e) => ends.push(e) });
    const first = JSON.parse(current().sent.at(-1)!);
    current().reply({ type: 'end', id: first.id, error: { code: 'VALIDATION', message: 'backlog: too big' } });
    bridge.subscribe('sandbox.tailLog', {}, { onItems: () => {}, onEnd: (e) => ends.push(e) });
    current().drop();
    expect(ends.map((e) => e?.code)).toEqual(['VALIDATION', 'CONNECTION_FAILED']);
  });

  it('refuses a call frame over the size limit before sending it', async () => {
    const { bridge, current } = setup();
    current().open();
    const p = bridge
      .call('produce.send', { clusterId: 'c', topic: 't', value: 'x'.repeat(33 * 1024 * 1024) })
      .catch((e: AppError) => e);
    expect(((await p) as AppError).code).toBe('MESSAGE_TOO_LARGE');
    expect(current().sent).toEqual([]);
  });
});
