import { describe, expect, it } from 'vitest';
import { resolveToken, urlWithoutToken, wsUrl } from './token.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('token', () => {
  it('takes the token from the URL and remembers it for reloads', () => {
    const storage = memoryStorage();
    expect(resolveToken({ protocol: 'http:', host: 'h', search: '?token=abc' }, storage)).toBe('abc');
    expect(resolveToken({ protocol: 'http:', host: 'h', search: '' }, storage)).toBe('abc');
  });

  it('returns null when there is no token anywhere', () => {
    expect(resolveToken({ protocol: 'http:', host: 'h', search: '' }, memoryStorage())).toBeNull();
  });

  it('builds ws and wss URLs on the page host', () => {
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:5174', search: '' }, 'a b')).toBe(
      'ws://127.0.0.1:5174/api?token=a%20b',
    );
    expect(wsUrl({ protocol: 'https:', host: 'x', search: '' }, 't')).toBe('wss://x/api?token=t');
  });

  it('strips only the token from the address, keeping the hash', () => {
    expect(urlWithoutToken('http://h:1/?token=abc&x=1#/sandbox')).toBe('http://h:1/?x=1#/sandbox');
    expect(urlWithoutToken('http://h:1/?token=abc#/')).toBe('http://h:1/#/');
  });
});
