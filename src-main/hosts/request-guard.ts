import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Browser mode listens on loopback, but any web page the user opens could still reach it. So
 * every request needs a Host header naming us (defeats DNS rebinding) and no foreign Origin
 * (defeats cross-site requests and WebSocket hijacking). The API (`/api`, where the data and the
 * actions are) also needs the secret token, in the query only: cookies are not port-scoped, so a
 * cookie would hand the token to every other server on this host. The static files are the
 * public app bundle and need no token.
 */
export function checkRequest(
  req: IncomingMessage,
  opts: { token: string; port: number; needsToken: boolean },
): GuardVerdict {
  const allowedHosts = new Set([`127.0.0.1:${opts.port}`, `localhost:${opts.port}`, `[::1]:${opts.port}`]);
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: 'Unexpected Host header' };

  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) {
    return { ok: false, status: 403, reason: 'Foreign origin' };
  }
  if (!opts.needsToken) return { ok: true };

  let presented: string | null;
  try {
    presented = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  } catch {
    presented = null;
  }
  if (!presented || !safeEqual(presented, opts.token)) {
    return { ok: false, status: 401, reason: 'Missing or wrong token' };
  }
  return { ok: true };
}
