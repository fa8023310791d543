import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest } from './request-guard.js';
import { resolveStaticPath } from './static-files.js';

function req(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage;
}
const api = { token: 'secret-token', port: 5174, needsToken: true };
const files = { ...api, needsToken: false };

describe('browser-mode request guard', () => {
  it('accepts the API with the right token in the query, and serves the app bundle without it', () => {
    expect(checkRequest(req('/api?token=secret-token', { host: '127.0.0.1:5174' }), api)).toEqual({ ok: true });
    expect(checkRequest(req('/assets/x.js', { host: 'localhost:5174' }), files)).toEqual({ ok: true });
  });

  it('answers 401 to the API without the token, with a wrong one, or with the token in a cookie only', () => {
    expect(checkRequest(req('/api', { host: '127.0.0.1:5174' }), api)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(req('/api?token=nope', { host: '127.0.0.1:5174' }), api)).toMatchObject({
      ok: false,
      status: 401,
    });
    // Cookies are not port-scoped: a cookie would leak the token to other local servers, so none is honoured.
    const cookie = req('/api', { host: '127.0.0.1:5174', cookie: 'samsa_token=secret-token' });
    expect(checkRequest(cookie, api)).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 403 to a foreign Origin even with the token', () => {
    const r = req('/api?token=secret-token', { host: '127.0.0.1:5174', origin: 'https://evil.example' });
    expect(checkRequest(r, api)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest(req('/', { host: '127.0.0.1:5174', origin: 'http://127.0.0.1:8080' }), files)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('answers 403 to a rebinding Host header, for files too', () => {
    expect(checkRequest(req('/api?token=secret-token', { host: 'attacker.example:5174' }), api)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkRequest(req('/', { host: 'attacker.example:5174' }), files)).toMatchObject({ ok: false, status: 403 });
  });

  it('survives a request URL that does not parse', () => {
    expect(checkRequest(req('http://[bad', { host: '127.0.0.1:5174' }), api)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('static file paths', () => {
  it('maps / to index.html and refuses traversal', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(resolveStaticPath('/srv/app', '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/app', '/%E0%A4%A')).toBeNull();
  });
});
