import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { LIMITS } from '../contract/limits.js';
import type { Dispatcher } from '../transport/dispatcher.js';
import type { EventHub } from '../transport/event-hub.js';
import { attachWsTransport } from '../transport/ws.js';
import { EXPORT_PATH, type ExportDownloads } from './export-downloads.js';
import { checkRequest } from './request-guard.js';
import { serveStatic } from './static-files.js';

export interface BrowserHostOptions {
  port: number;
  /** Loopback only, on purpose: browser mode is a local tool, not a server on the network. */
  host?: '127.0.0.1';
  staticDir: string;
  dispatcher: Dispatcher;
  hub: EventHub;
  token?: string;
  /** Export downloads (GET /api/export/<id>, token required like the rest of the API). */
  downloads?: ExportDownloads;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Serves the built renderer and the WebSocket API (`/api`) on 127.0.0.1. */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  let port = opts.port;
  // Room for the largest valid call (JSON escaping can double a value); larger frames close the socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * LIMITS.callFrameBytes });
  const detach = attachWsTransport(wss, opts.dispatcher, opts.hub);

  const server: Server = createServer((req, res) => {
    res.on('error', () => undefined); // a client that resets mid-answer is its own problem
    const verdict = checkRequest(req, { token, port, needsToken: false });
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' }).end(verdict.reason);
      return;
    }
    const path = pathOf(req.url);
    if (opts.downloads && path.startsWith(EXPORT_PATH)) {
      const api = checkRequest(req, { token, port, needsToken: true });
      if (!api.ok) res.writeHead(api.status, { 'content-type': 'text/plain; charset=utf-8' }).end(api.reason);
      else opts.downloads.serve(req, res, path);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void serveStatic(opts.staticDir, path, res).catch(() => res.destroy());
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy()); // refused or reset upgrades must not crash us
    const verdict = checkRequest(req, { token, port, needsToken: true });
    const path = pathOf(req.url);
    if (!verdict.ok || path !== '/api') {
      const status = verdict.ok ? '404 Not Found' : verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      detach();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The path of a request URL; anything unparsable becomes a path that matches no file. */
function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return '/\0';
  }
}
