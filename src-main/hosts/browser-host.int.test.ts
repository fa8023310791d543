import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { freePort } from '../../test-support/kafka/kafka-fixture.js';
import { resolveBrokerLaunch } from '../runtime/broker-launch.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { startBrowserHost, type BrowserHost } from './browser-host.js';

// The real thing end to end: browser mode's host, the WebSocket transport, the dispatcher, the
// core and the sandbox broker in its child process. Calls, cancellation and a subscription.
describe('browser mode over a real WebSocket', () => {
  let dir: string;
  let runtime: Runtime;
  let host: BrowserHost;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samsa-host-'));
    const staticDir = join(dir, 'renderer');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Samsa</title>');
    runtime = createRuntime({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      version: 't',
      brokerLaunch: resolveBrokerLaunch(),
    });
    host = await startBrowserHost({ port: 0, staticDir, dispatcher: runtime.dispatcher, hub: runtime.hub });
  });
  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function client() {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      headers: { origin: `http://127.0.0.1:${host.port}` },
    });
    const frames: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await once(ws, 'open');
    let id = 0;
    const send = (f: Record<string, unknown>) => {
      const frame = { id: ++id, ...f };
      ws.send(JSON.stringify(frame));
      return frame.id;
    };
    const result = async (callId: number) => {
      await vi.waitFor(() => expect(frames.find((f) => f.type === 'result' && f.id === callId)).toBeDefined(), {
        timeout: 30_000,
      });
      return frames.find((f) => f.type === 'result' && f.id === callId)!;
    };
    return { ws, frames, send, result };
  }

  it('streams the sandbox log to a subscriber while the broker starts, and stops on unsubscribe', async () => {
    const c = await client();
    const sub = c.send({ type: 'subscribe', name: 'sandbox.tailLog', params: { backlog: 0 } });
    const start = c.send({ type: 'call', method: 'sandbox.start', params: { port: await freePort() } });
    expect(await c.result(start)).toMatchObject({ ok: true, result: { state: 'running' } });
    const lines = () =>
      c.frames
        .filter((f) => f.type === 'items' && f.id === sub)
        .flatMap((f) => f.items as { text: string }[])
        .map((l) => l.text);
    await vi.waitFor(() => expect(lines().join('\n')).toMatch(/Samsa sandbox ready on 127\.0\.0\.1:\d+/));
    c.send({ type: 'unsubscribe', id: sub });
    const seen = lines().length;
    const stop = c.send({ type: 'call', method: 'sandbox.stop', params: {} });
    expect(await c.result(stop)).toMatchObject({ ok: true, result: { state: 'stopped' } });
    expect(lines().length).toBe(seen);
    c.ws.close();
  });

  it('cancels a call that waits on an unreachable cluster within a second', async () => {
    const c = await client();
    const create = c.send({
      type: 'call',
      method: 'connections.create',
      params: { name: 'nowhere', bootstrapServers: ['127.0.0.1:1'], tls: false, sasl: null },
    });
    const profile = (await c.result(create)) as { result: { id: string } };
    const list = c.send({ type: 'call', method: 'topics.list', params: { clusterId: profile.result.id } });
    await new Promise((r) => setTimeout(r, 200));
    const cancelledAt = Date.now();
    c.ws.send(JSON.stringify({ type: 'cancel', id: list }));
    expect(await c.result(list)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    c.ws.close();
  });

  it('keeps serving after a client sends frames that are not valid', async () => {
    const bad = await client();
    bad.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    await once(bad.ws, 'close');
    const good = await client();
    const info = good.send({ type: 'call', method: 'app.info', params: {} });
    expect(await good.result(info)).toMatchObject({ ok: true, result: { mode: 'browser' } });
    good.ws.close();
  });
});
