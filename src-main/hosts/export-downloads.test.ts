import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../transport/dispatcher.js';
import { EventHub } from '../transport/event-hub.js';
import { startBrowserHost, type BrowserHost } from './browser-host.js';
import { ExportDownloads } from './export-downloads.js';

describe('export downloads in browser mode', () => {
  let dir: string;
  let host: BrowserHost;
  const downloads = new ExportDownloads();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samsa-dl-'));
    host = await startBrowserHost({
      port: 0,
      staticDir: dir,
      dispatcher: {} as Dispatcher,
      hub: new EventHub(),
      downloads,
    });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const url = (path: string, token: string | null = host.token) =>
    `http://127.0.0.1:${host.port}${path}${token === null ? '' : `?token=${token}`}`;

  it('streams the export to the window that asks with the token, once', async () => {
    let path = '';
    const target = downloads.open({
      fileName: 'orders-2024.jsonl',
      signal: new AbortController().signal,
      announce: (p) => (path = p),
    });
    expect(path).toMatch(/^\/api\/export\/[\w-]{24}$/);
    expect((await fetch(url(path, null))).status).toBe(401);
    expect((await fetch(url(path, 'wrong'))).status).toBe(401);
    const response = fetch(url(path));
    const t = await target;
    expect(t!.savedTo).toBeNull();
    t!.stream.write('{"a":1}\n');
    t!.stream.end('{"a":2}\n');
    const r = await response;
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="orders-2024.jsonl"');
    expect(r.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(await r.text()).toBe('{"a":1}\n{"a":2}\n');
    expect((await fetch(url(path))).status).toBe(404); // used up
  });

  it('a cancelled export stops waiting for its download', async () => {
    const abort = new AbortController();
    let path = '';
    const target = downloads.open({ fileName: 'x.csv', signal: abort.signal, announce: (p) => (path = p) });
    abort.abort();
    await expect(target).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await fetch(url(path))).status).toBe(404);
  });
});
