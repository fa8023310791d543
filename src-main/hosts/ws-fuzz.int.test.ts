import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AppErrorCodes } from '../contract/errors.js';
import { frameCount, makeFuzzer, type FuzzAction } from './testing/fuzz-frames.js';

// Nothing a client sends takes browser mode down. A real browser-mode host in its own process
// gets at least 10,000 random and mutated frames and calls from several clients at once: bad
// JSON, wrong types, huge strings, bytes that are not UTF-8, oversized and binary frames,
// unknown methods, calls/cancels/subscriptions in odd orders, clients hanging up mid-call, and
// junk on the HTTP port. Afterwards it must still answer, have answered every frame it answered
// with a well-formed frame and a known error code, and hold no more memory than before.
const FRAMES = 10_000;
// Frames of several MiB and over the 64 MiB limit are part of the mix (see FuzzBudget).
const LANES = 6;
const SEED = Number(process.env.SAMSA_FUZZ_SEED ?? Date.now() % 1_000_000);

interface Mem {
  rss: number;
  peakRss: number | null;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

let child: ChildProcess;
let port: number;
let token: string;
let stderr = '';
const memLines: Array<(m: Mem) => void> = [];

beforeAll(async () => {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'fuzz-host.ts');
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', entry], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-20_000)));
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fuzz host exited with ${code}:\n${stderr}`)));
    lines.on('line', (line) => {
      const m = /^READY (\d+) (\S+)$/.exec(line);
      if (m) {
        port = Number(m[1]);
        token = m[2]!;
        resolve();
      } else if (line.startsWith('{')) memLines.shift()?.(JSON.parse(line) as Mem);
    });
  });
  await ready;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.stdin!.end();
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

function memory(): Promise<Mem> {
  return new Promise((resolve) => {
    memLines.push(resolve);
    child.stdin!.write('mem\n');
  });
}

/**
 * Memory once the host is idle: socket buffers of clients that just left and calls still
 * failing against an unreachable cluster are let go first (measured until two readings agree).
 */
async function settledMemory(): Promise<Mem> {
  let last = await memory();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await memory();
    const moved = Math.abs(now.heapUsed + now.external - (last.heapUsed + last.external));
    last = now;
    if (moved < 2 * 2 ** 20) break;
  }
  return last;
}

function open(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, {
    headers: { origin: `http://127.0.0.1:${port}` },
    maxPayload: 256 * 1024 * 1024,
  });
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** What every answer must look like, whatever was sent. */
interface Tally {
  frames: number;
  results: number;
  errors: Map<string, number>;
  malformed: string[];
}

function watch(ws: WebSocket, tally: Tally): void {
  ws.on('message', (data, isBinary) => {
    tally.frames++;
    let f: { type?: unknown; error?: { code?: unknown; message?: unknown } };
    try {
      f = JSON.parse(String(data));
    } catch {
      tally.malformed.push(`not JSON: ${String(data).slice(0, 80)}`);
      return;
    }
    if (isBinary || !['result', 'items', 'end', 'event'].includes(String(f.type)))
      tally.malformed.push(`unexpected frame: ${String(data).slice(0, 120)}`);
    if (f.type === 'result') tally.results++;
    if (f.error) {
      const { code, message } = f.error;
      if (!(AppErrorCodes as readonly unknown[]).includes(code) || typeof message !== 'string' || !message)
        tally.malformed.push(`bad error: ${String(data).slice(0, 200)}`);
      // Nothing sent may echo back a huge input.
      else if (message.length > 2_000) tally.malformed.push(`error of ${message.length} characters`);
      tally.errors.set(String(code), (tally.errors.get(String(code)) ?? 0) + 1);
    }
  });
}

async function perform(ws: WebSocket, a: FuzzAction): Promise<boolean> {
  const ignore = () => undefined;
  switch (a.kind) {
    case 'text':
      ws.send(a.data, { binary: false }, ignore);
      break;
    case 'binary':
      ws.send(a.data, { binary: true }, ignore);
      break;
    case 'ping':
      ws.ping(a.data, undefined, ignore);
      break;
    case 'fragmented':
      a.parts.forEach((p, i) => ws.send(p, { binary: false, fin: i === a.parts.length - 1 }, ignore));
      break;
    case 'burst':
      for (const f of a.frames) ws.send(f, ignore);
      break;
    case 'hang-up':
      ws.send(a.frame, ignore);
      ws.terminate();
      return false;
  }
  // Do not outrun the socket: a real page waits for the network too.
  while (ws.readyState === ws.OPEN && ws.bufferedAmount > 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
  return true;
}

/** Raw bytes at the HTTP port: broken requests and upgrades, then a reset. */
async function junkOnTheHttpPort(n: number): Promise<void> {
  const requests = [
    'GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    `GET /api?token=${'x'.repeat(10_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: x\r\n\r\n`,
    '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
    'GET / HTTP/1.1\r\nHost: \u00ff\u00fe\r\nContent-Length: -1\r\n\r\n',
    'POST /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    `GET /${'%'.repeat(5000)} HTTP/1.1\r\n\r\n`,
  ];
  for (let i = 0; i < n; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    socket.write(requests[i % requests.length]!);
    await new Promise((r) => setTimeout(r, 2));
    if (i % 2 === 0) socket.resetAndDestroy();
    else socket.end();
  }
}

async function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<Record<string, unknown>> {
  const answer = new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (d: unknown) => {
      const f = JSON.parse(String(d)) as Record<string, unknown>;
      if (f.type === 'result' && f.id === id) {
        ws.off('message', onMessage);
        resolve(f);
      }
    };
    ws.on('message', onMessage);
  });
  ws.send(JSON.stringify({ type: 'call', id, method, params }));
  return answer;
}

describe(`browser mode under ${FRAMES} fuzzed WebSocket frames (seed ${SEED})`, () => {
  it(
    'keeps serving, answers only in well-formed frames, and holds no extra memory afterwards',
    { timeout: 90_000 },
    async () => {
      // Warm up: the first calls load modules and fill caches that would otherwise look like growth.
      const warm = await open();
      const profile = (await call(warm, 1, 'connections.create', {
        name: 'fuzz target',
        bootstrapServers: ['127.0.0.1:1'],
        tls: false,
        sasl: null,
      })) as { result: { id: string } };
      for (let i = 0; i < 200; i++) await call(warm, 10 + i, i % 2 ? 'app.info' : 'connections.list', {});
      warm.close();
      const before = await settledMemory();

      const tally: Tally = { frames: 0, results: 0, errors: new Map(), malformed: [] };
      const labels = new Map<string, number>();
      let sent = 0;
      let reconnects = 0;
      const budget = { huge: 12, oversized: 3 };

      /** One round: LANES clients at once, half sending only well-formed frames, half anything. */
      async function round(frames: number, seed: number): Promise<void> {
        const lanes = Array.from({ length: LANES }, async (_, lane) => {
          // Each client sends its share, so the slow ones (reconnecting after every close) count as much.
          let mine = 0;
          const mix = lane % 2 === 0 ? 'framed' : 'anything';
          const fuzz = makeFuzzer(seed + lane, profile.result.id, budget, mix);
          let ws: WebSocket | null = null;
          while (mine < frames / LANES) {
            if (!ws || ws.readyState !== ws.OPEN) {
              ws = await open();
              watch(ws, tally);
              reconnects++;
            }
            const action = fuzz.next();
            labels.set(action.label, (labels.get(action.label) ?? 0) + frameCount(action));
            sent += frameCount(action);
            mine += frameCount(action);
            if (!(await perform(ws, action))) ws = null;
            // Let the server's answers and closes arrive between frames.
            await new Promise((r) => setImmediate(r));
          }
          // Give the last answers a moment before hanging up.
          await new Promise((r) => setTimeout(r, 300));
          ws?.close();
        });
        await Promise.all([...lanes, junkOnTheHttpPort(30)]);
        expect(child.exitCode, `the host exited during the run:\n${stderr}`).toBeNull();
        // Calls still running when the clients left (unreachable clusters): let them settle.
        await new Promise((r) => setTimeout(r, 2_000));
      }

      const started = Date.now();
      await round(FRAMES / 2, SEED);
      const half = await settledMemory();
      await round(FRAMES / 2, SEED + 1000);
      const fuzzMs = Date.now() - started;

      const after = await open();
      expect(await call(after, 1, 'app.info', {})).toMatchObject({ ok: true, result: { mode: 'browser' } });
      expect(await call(after, 2, 'connections.list', {})).toMatchObject({ ok: true });
      after.close();
      const end = await settledMemory();

      const report = {
        seed: SEED,
        sent,
        fuzzMs,
        reconnects,
        answers: tally.frames,
        results: tally.results,
        errors: Object.fromEntries(tally.errors),
        labels: Object.fromEntries(labels),
        heapMiB: [before, half, end].map((m) => Math.round(m.heapUsed / 2 ** 20)),
        externalMiB: [before, half, end].map((m) => Math.round(m.external / 2 ** 20)),
        peakRssMiB: Math.round((end.peakRss ?? 0) / 2 ** 20),
        rssMiB: [before, half, end].map((m) => Math.round(m.rss / 2 ** 20)),
      };
      console.log(`ws fuzz: ${JSON.stringify(report)}`);

      expect(sent).toBeGreaterThanOrEqual(FRAMES);
      expect(tally.malformed, tally.malformed.slice(0, 5).join('\n')).toEqual([]);
      // An INTERNAL error is a bug: something a client sent reached code that did not expect it.
      expect(tally.errors.get('INTERNAL') ?? 0, stderr.slice(-4000)).toBe(0);
      expect(tally.results).toBeGreaterThan(1_000);
      expect(stderr).not.toMatch(/Unexpected error|Unhandled|uncaught/i);
      // Bounded memory. Once idle after a full GC, what the process holds (heap and buffers) is
      // back where it started: none of the dozen huge frames (about 80 MiB together) is kept.
      // Its resident size stays under a fixed ceiling: the allocator may keep pages the huge
      // frames used, but not more and more of them.
      const held = (m: Mem) => m.heapUsed + m.external;
      for (const m of [half, end]) expect(held(m) - held(before)).toBeLessThan(16 * 2 ** 20);
      expect(end.rss).toBeLessThan(1024 * 2 ** 20);
      if (end.peakRss !== null) expect(end.peakRss).toBeLessThan(1536 * 2 ** 20);
    },
  );
});
