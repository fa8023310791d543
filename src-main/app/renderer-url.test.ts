import { describe, expect, it } from 'vitest';
import { rendererUrlMatcher } from './renderer-url.js';

describe('renderer URL pin', () => {
  it('trusts only the built index.html, with any #route', () => {
    const own = rendererUrlMatcher({ rendererDir: '/opt/Samsa/resources/app.asar/out/renderer' });
    expect(own('file:///opt/Samsa/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(own('file:///opt/Samsa/resources/app.asar/out/renderer/index.html#/clusters/x/topics')).toBe(true);
    expect(own('file:///tmp/evil.html')).toBe(false);
    expect(own('file:///opt/Samsa/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(own('file:///opt/Samsa/resources/app.asar/out/renderer/index.html.evil')).toBe(false);
    expect(own('https://example.com/')).toBe(false);
  });

  it('trusts only the dev server origin in development', () => {
    const own = rendererUrlMatcher({ rendererDir: '/x', devServerUrl: 'http://localhost:5173/' });
    expect(own('http://localhost:5173/#/sandbox')).toBe(true);
    expect(own('http://localhost:5174/')).toBe(false);
    expect(own('file:///x/index.html')).toBe(false);
    expect(own('not a url')).toBe(false);
  });
});
