import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { CallOutcome } from '../contract/index.js';
import type { Dispatcher, SubscriptionSink } from './dispatcher.js';
import { EventHub } from './event-hub.js';
import { attachWsTransport, WS_LIMITS } from './ws.js';

/** A dispatcher whose behaviour each test scripts; records signals and sinks it was given. */
function scriptedDispatcher(script: {
  call?: (method: unknown, params: unknown, signal: AbortSignal) => Promise<CallOutcome>;
  subscribe?: (sink: SubscriptionSink, stopped: () => void) => void;
}) {
  const seen = { signals: [] as AbortSignal[], stops: 0 };
  const dispatcher: Dispatcher = {
    call: (m, p, signal) => {
      seen.signals.push(signal!);
      return script.call ? script.call(m, p, signal!) : Promise.resolve({ ok: true, result: null });
    },
    subscribe: (_name, _params, sink) => {
      script.subscribe?.(sink, () => seen.stops++);
      return { ok: true, stop: () => seen.stops++ };
    },
  };
  return { dispatcher, seen };
}

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of servers.splice(0)) await close();
});

async function serve(dispatcher: Dispatcher, maxPayload = 1024 * 1024) {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, maxPayload });
  attachWsTransport(wss, dispatcher, new EventHub());
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  servers.push(async () => {
    for (const c of wss.clients) c.terminate();
    wss.close();
    await new Promise((r) => http.close(r));
  });
  return url;
}

async function connect(url: string) {
  const ws = new WebSocket(url);
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  ws.on('error', () => undefined);
  await once(ws, 'open');
  return { ws, frames, send: (f: unknown) => ws.send(JSON.stringify(f)) };
}

describe('WebSocket transport', () => {
  it('answers calls and cancels one when the client asks', async () => {
    const { dispatcher, seen } = scriptedDispatcher({
      call: (m, _p, signal) =>
        m === 'slow'
          ? new Promise((resolve) =>
              signal.addEventListener('abort', () =>
                resolve({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } }),
              ),
            )
          : Promise.resolve({ ok: true, result: 'fast' }),
    });
    const c = await connect(await serve(dispatcher));
    c.send({ type: 'call', id: 1, method: 'slow', params: {} });
    c.send({ type: 'call', id: 2, method: 'fast', params: {} });
    await vi.waitFor(() => expect(c.frames).toContainEqual({ type: 'result', id: 2, ok: true, result: 'fast' }));
    c.send({ type: 'cancel', id: 1 });
    await vi.waitFor(() =>
      expect(c.frames).toContainEqual({
        type: 'result',
        id: 1,
        ok: false,
        error: { code: 'CANCELLED', message: 'Cancelled.' },
      }),
    );
    expect(seen.signals[0]!.aborted).toBe(true);
    c.ws.close();
  });

  it('streams subscription items, ends them, and stops them on unsubscribe', async () => {
    let sink: SubscriptionSink | undefined;
    const { dispatcher, seen } = scriptedDispatcher({ subscribe: (s) => (sink = s) });
    const c = await connect(await serve(dispatcher));
    c.send({ type: 'subscribe', id: 7, name: 'sandbox.tailLog', params: { backlog: 1 } });
    await vi.waitFor(() => expect(sink).toBeDefined());
    sink!.items([1, 2]);
    sink!.end({ code: 'SANDBOX_ERROR', message: 'stopped' });
    await vi.waitFor(() =>
      expect(c.frames).toEqual([
        { type: 'items', id: 7, items: [1, 2] },
        { type: 'end', id: 7, error: { code: 'SANDBOX_ERROR', message: 'stopped' } },
      ]),
    );
    c.send({ type: 'subscribe', id: 8, name: 'sandbox.tailLog', params: {} });
    c.send({ type: 'unsubscribe', id: 8 });
    await vi.waitFor(() => expect(seen.stops).toBe(1));
    c.ws.close();
  });

  it('a closed socket aborts its calls and stops its subscriptions', async () => {
    const { dispatcher, seen } = scriptedDispatcher({ call: () => new Promise(() => undefined) });
    const c = await connect(await serve(dispatcher));
    c.send({ type: 'call', id: 1, method: 'hangs', params: {} });
    c.send({ type: 'subscribe', id: 2, name: 'x', params: {} });
    await vi.waitFor(() => expect(seen.signals).toHaveLength(1));
    c.ws.terminate();
    await vi.waitFor(() => expect(seen.signals[0]!.aborted).toBe(true));
    await vi.waitFor(() => expect(seen.stops).toBe(1));
  });

  it('an answer too large to send becomes a MESSAGE_TOO_LARGE error, and the socket keeps working', async () => {
    const huge = 'x'.repeat(WS_LIMITS.maxOutgoingFrameBytes + 10);
    const { dispatcher } = scriptedDispatcher({
      call: (m) => Promise.resolve({ ok: true, result: m === 'huge' ? huge : 'small' }),
    });
    const c = await connect(await serve(dispatcher));
    c.send({ type: 'call', id: 1, method: 'huge', params: {} });
    c.send({ type: 'call', id: 2, method: 'small', params: {} });
    await vi.waitFor(() => expect(c.frames).toHaveLength(2), { timeout: 20_000 });
    expect(c.frames[0]).toMatchObject({ type: 'result', id: 1, ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(c.frames[1]).toEqual({ type: 'result', id: 2, ok: true, result: 'small' });
    c.ws.close();
  }, 30_000);

  it('survives invalid UTF-8, oversized and malformed frames: it closes that socket and serves others', async () => {
    const { dispatcher } = scriptedDispatcher({});
    const url = await serve(dispatcher, 1024);
    const bad = [
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), // invalid UTF-8 in a text frame
      'y'.repeat(4096), // over maxPayload
      '{"type":"call","id":"x"}', // wrong types
      'not json',
    ];
    for (const frame of bad) {
      const c = await connect(url);
      c.ws.send(frame, { binary: false });
      const [code] = (await once(c.ws, 'close')) as [number];
      expect([1007, 1009]).toContain(code);
    }
    const ok = await connect(url);
    ok.send({ type: 'call', id: 1, method: 'app.info', params: {} });
    await vi.waitFor(() => expect(ok.frames).toEqual([{ type: 'result', id: 1, ok: true, result: null }]));
    ok.ws.close();
  });

  it('refuses more calls in flight than its limit, with a sentence', async () => {
    const { dispatcher } = scriptedDispatcher({ call: () => new Promise(() => undefined) });
    const c = await connect(await serve(dispatcher));
    for (let id = 1; id <= WS_LIMITS.maxCallsInFlight + 1; id++)
      c.send({ type: 'call', id, method: 'hangs', params: {} });
    await vi.waitFor(() => expect(c.frames).toHaveLength(1));
    expect(c.frames[0]).toMatchObject({ id: WS_LIMITS.maxCallsInFlight + 1, ok: false, error: { code: 'VALIDATION' } });
    c.ws.terminate();
  });
});
