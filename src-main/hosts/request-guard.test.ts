import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest, readCookie } from './request-guard.js';
import { resolveStaticPath } from './static-files.js';

function req(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage;
}
const opts = { token: 'secret-token', port: 5174 };

describe('browser-mode request guard', () => {
  it('accepts the right token in the query or the cookie', () => {
    expect(checkRequest(req('/?token=secret-token', { host: '127.0.0.1:5174' }), opts)).toEqual({ ok: true });
    expect(
      checkRequest(req('/assets/x.js', { host: 'localhost:5174', cookie: 'a=b; samsa_token=secret-token' }), opts),
    ).toEqual({ ok: true });
  });

  it('answers 401 without the token or with a wrong one', () => {
    expect(checkRequest(req('/', { host: '127.0.0.1:5174' }), opts)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(req('/?token=nope', { host: '127.0.0.1:5174' }), opts)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('answers 403 to a foreign Origin even with the token', () => {
    const r = req('/api?token=secret-token', { host: '127.0.0.1:5174', origin: 'https://evil.example' });
    expect(checkRequest(r, opts)).toMatchObject({ ok: false, status: 403 });
  });

  it('answers 403 to a rebinding Host header', () => {
    const r = req('/?token=secret-token', { host: 'attacker.example:5174' });
    expect(checkRequest(r, opts)).toMatchObject({ ok: false, status: 403 });
  });

  it('reads cookies', () => {
    expect(readCookie('x=1; samsa_token=abc=def', 'samsa_token')).toBe('abc=def');
    expect(readCookie(undefined, 'samsa_token')).toBeNull();
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
