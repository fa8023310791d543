/**
 * The sandbox's limits per connection and per server: idle connections are closed, connections over
 * the cap are refused while the others keep working, and a connection whose waiting requests hold
 * too many bytes stops being read until they are done.
 */
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';
import { Connection } from './connection.js';

/** ApiVersions v0 from client id null: the smallest request every broker answers. */
function apiVersionsFrame(correlationId: number): Buffer {
  const b = Buffer.alloc(14);
  b.writeInt32BE(10, 0);
  b.writeInt16BE(18, 4);
  b.writeInt16BE(0, 6);
  b.writeInt32BE(correlationId, 8);
  b.writeInt16BE(-1, 12);
  return b;
}

async function connect(port: number): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1');
  s.on('error', () => undefined);
  await once(s, 'connect');
  return s;
}

/** Sends ApiVersions and resolves with the correlation id of the answer, or 'closed'. */
function ask(s: net.Socket, correlationId: number): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 8 && got.length >= 4 + got.readInt32BE(0)) {
        s.off('data', onData);
        resolve(got.readInt32BE(4));
      }
    };
    s.on('data', onData);
    s.once('close', () => resolve('closed'));
    s.write(apiVersionsFrame(correlationId));
  });
}

const closed = (s: net.Socket) => (s.destroyed ? Promise.resolve() : once(s, 'close').then(() => undefined));

let broker: TestBroker | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await broker?.dispose();
  broker = undefined;
});

describe('connection limits of the sandbox broker', () => {
  it('closes a connection that stays idle, and only that one', async () => {
    broker = await startTestBroker({ idleTimeoutMs: 400 });
    const idle = await connect(broker.port);
    const busy = await connect(broker.port);
    sockets.push(idle, busy);
    expect(await ask(idle, 1)).toBe(1);
    const started = Date.now();
    // The busy one keeps talking more often than the timeout.
    for (let i = 0; i < 6; i++) {
      expect(await ask(busy, 10 + i)).toBe(10 + i);
      await new Promise((r) => setTimeout(r, 150));
    }
    await closed(idle);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(busy.destroyed).toBe(false);
    expect(broker.logs.some((l) => l.includes('idle for 400 ms'))).toBe(true);
  });

  it('refuses connections over the cap and keeps serving the others', async () => {
    broker = await startTestBroker({ maxConnections: 2 });
    const a = await connect(broker.port);
    const b = await connect(broker.port);
    sockets.push(a, b);
    expect(await ask(a, 1)).toBe(1);
    const c = await connect(broker.port);
    sockets.push(c);
    await closed(c);
    expect(await ask(b, 2)).toBe(2);
    expect(broker.logs.some((l) => l.includes('2 are open'))).toBe(true);
    // One leaves: a new client gets in.
    a.destroy();
    await closed(a);
    await expect
      .poll(async () => {
        const d = await connect(broker!.port);
        sockets.push(d);
        return ask(d, 3);
      })
      .toBe(3);
  });

  it('stops reading a connection while its waiting requests hold more bytes than the limit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let routed = 0;
    let conn: Connection | undefined;
    const server = net.createServer((socket) => {
      conn = new Connection(
        socket,
        async () => {
          routed++;
          await gate;
          return null;
        },
        { maxFrameBytes: 2 << 20, maxQueuedRequests: 1000, maxQueuedBytes: 1 << 20, idleTimeoutMs: 0, log: () => {} },
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = await connect((server.address() as net.AddressInfo).port);
    sockets.push(client);
    try {
      // Twenty 256 KiB requests (5 MiB) behind one that does not finish.
      const frame = Buffer.alloc(4 + (256 << 10));
      frame.writeInt32BE(256 << 10, 0);
      for (let i = 0; i < 20; i++) client.write(frame);
      await expect.poll(() => conn?.socket.isPaused()).toBe(true);
      expect(routed).toBe(1);
      // Waiting in memory: about the limit, not the 5 MiB sent.
      expect(conn!.pending * (256 << 10)).toBeLessThanOrEqual((1 << 20) + (512 << 10));
      release();
      await expect.poll(() => routed, { timeout: 10_000 }).toBe(20);
    } finally {
      release();
      server.close();
    }
  });
});
