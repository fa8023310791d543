/**
 * Browser mode for the WebSocket fuzz test, in its own process so that a crash shows as an exit
 * and its memory can be measured alone: the same runtime and host as `npm run serve`, with a
 * temporary data folder and a one-page renderer. Run with `node --expose-gc --import tsx`.
 *
 * stdout: `READY <port> <token>` once listening; then one JSON line per `mem` line on stdin:
 * `{ rss, peakRss, heapUsed, external, arrayBuffers }` in bytes, after a full garbage collection
 * (peakRss: the most this process ever held, from /proc on Linux; null elsewhere).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { createRuntime } from '../../runtime/create-runtime.js';
import { startBrowserHost } from '../browser-host.js';

const dir = mkdtempSync(join(tmpdir(), 'samsa-fuzz-host-'));
const staticDir = join(dir, 'renderer');

function peakRss(): number | null {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Samsa</title>');
  const runtime = createRuntime({
    dataDir: join(dir, 'data'),
    mode: 'browser',
    version: 'fuzz',
    brokerLaunch: resolveBrokerLaunch(),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const host = await startBrowserHost({ port: 0, staticDir, dispatcher: runtime.dispatcher, hub: runtime.hub });
  const gc = (globalThis as { gc?: () => void }).gc;
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'mem') return;
    gc?.();
    const m = process.memoryUsage();
    const { heapUsed, external, arrayBuffers } = m;
    process.stdout.write(`${JSON.stringify({ rss: m.rss, peakRss: peakRss(), heapUsed, external, arrayBuffers })}\n`);
  });
  const stop = async () => {
    await host.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdout.write(`READY ${host.port} ${host.token}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz host could not start: ${(e as Error).stack ?? String(e)}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
