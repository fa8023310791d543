/**
 * Samsa's main process as it runs in browser mode (`out/main/serve.js`), driven over its WebSocket
 * API the way the window drives it, with its memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from '../../test-support/kafka/kafka-fixture.js';
import { appNodeFlags } from '../../test-support/app-node-flags.js';

export interface SamsaApp {
  url: string;
  pid: number;
  call<T = unknown>(method: string, params: unknown): Promise<T>;
  /** Runs a subscription to its end; `onItems` sees every batch. Resolves with the end (error or not). */
  stream(name: string, params: unknown, onItems: (items: unknown[]) => void): { done: Promise<void>; stop(): void };
  rssMb(): number;
  stop(): Promise<void>;
}

export function rssMbOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Starts with the flags `npm run serve` uses; `nodeFlags` adds e.g. --cpu-prof, to see where the app's time goes. */
export async function startSamsa(dataDir: string, nodeFlags: string[] = []): Promise<SamsaApp> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      ...appNodeFlags(),
      ...nodeFlags,
      join(repoRoot, 'out/main/serve.js'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--skip-sandbox',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      log += d;
      const m = /Samsa is running at (\S+)/.exec(log);
      if (m) resolve(m[1]!);
    });
    proc.stderr!.on('data', (d) => (log += d));
    proc.once('exit', (code) => reject(new Error(`serve.js exited with ${code}:\n${log}`)));
  });
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/api?token=${u.searchParams.get('token')}`, {
    headers: { origin: `http://${u.host}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 0;
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const subs = new Map<number, { onItems: (items: unknown[]) => void; end: (e?: Error) => void }>();
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as {
      type: string;
      id: number;
      ok?: boolean;
      result?: unknown;
      items?: unknown[];
      error?: { message: string };
    };
    if (f.type === 'result') {
      const c = calls.get(f.id);
      calls.delete(f.id);
      if (f.ok) c?.resolve(f.result);
      else c?.reject(new Error(f.error?.message ?? 'call failed'));
    } else if (f.type === 'items') subs.get(f.id)?.onItems(f.items ?? []);
    else if (f.type === 'end') {
      subs.get(f.id)?.end(f.error ? new Error(f.error.message) : undefined);
      subs.delete(f.id);
    }
  });
  return {
    url,
    pid: proc.pid!,
    call<T>(method: string, params: unknown) {
      const id = ++nextId;
      ws.send(JSON.stringify({ type: 'call', id, method, params }));
      return new Promise<T>((resolve, reject) => calls.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    },
    stream(name, params, onItems) {
      const id = ++nextId;
      let end!: (e?: Error) => void;
      const done = new Promise<void>((resolve, reject) => (end = (e) => (e ? reject(e) : resolve())));
      subs.set(id, { onItems, end });
      ws.send(JSON.stringify({ type: 'subscribe', id, name, params }));
      return {
        done,
        stop() {
          subs.delete(id);
          ws.send(JSON.stringify({ type: 'unsubscribe', id }));
          end();
        },
      };
    },
    rssMb: () => rssMbOf(proc.pid!),
    async stop() {
      ws.close();
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}
