import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The contract is shared with the renderer: it may import only zod and its own files.
describe('contract is platform-free', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  it.each(files)('%s imports nothing from node, electron, react or kafkajs', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec === 'zod' || spec.startsWith('./'), `${file} imports ${spec}`).toBe(true);
  });
});

describe('core services never import electron', () => {
  const root = new URL('..', import.meta.url).pathname;
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
    );
  const files = ['core', 'broker', 'runtime', 'hosts'].flatMap((d) => {
    try {
      return walk(join(root, d));
    } catch {
      return [];
    }
  });
  it('has no electron import below core/, broker/, runtime/, hosts/', () => {
    const offenders = files.filter((f) => /from\s+['"]electron['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
