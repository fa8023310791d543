import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'samsa_token';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * Browser mode listens on loopback, but any web page the user opens could still reach it.
 * So every request needs: a Host header naming us (defeats DNS rebinding), no foreign Origin
 * (defeats cross-site requests and WebSocket hijacking), and the secret token (query or cookie).
 */
export function checkRequest(req: IncomingMessage, opts: { token: string; port: number }): GuardVerdict {
  const allowedHosts = new Set([`127.0.0.1:${opts.port}`, `localhost:${opts.port}`, `[::1]:${opts.port}`]);
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: 'Unexpected Host header' };

  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) {
    return { ok: false, status: 403, reason: 'Foreign origin' };
  }

  const url = new URL(req.url ?? '/', 'http://localhost');
  const presented = url.searchParams.get('token') ?? readCookie(req.headers.cookie, TOKEN_COOKIE);
  if (!presented || !safeEqual(presented, opts.token)) {
    return { ok: false, status: 401, reason: 'Missing or wrong token' };
  }
  return { ok: true };
}
