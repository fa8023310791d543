import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The codec is shared by the broker and client code, so it may import nothing else of ours: its
// production files use only Node built-ins, the compression packages and files of this folder.
const root = new URL('.', import.meta.url).pathname;
const PACKAGES = new Set(['fzstd', 'lz4js', 'snappyjs']);

const walk = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
  );

const files = walk(root).map((f) => relative(root, f));
const production = files.filter((f) => !f.endsWith('.test.ts'));

function specifiers(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const insideCodec = (file: string, spec: string) => {
  const target = resolve(dirname(join(root, file)), spec);
  return !relative(root, target).startsWith('..');
};

describe('kafka-protocol stands alone', () => {
  it('finds the codec files', () => {
    expect(production).toContain('frames.ts');
    expect(production).toContain(join('messages', '00-produce.ts'));
    expect(production).toContain(join('records', 'compression.ts'));
  });

  it.each(production)('%s imports only node:*, the compression packages and its own files', (file) => {
    for (const spec of specifiers(file)) {
      const ok = spec.startsWith('node:') || PACKAGES.has(spec) || (spec.startsWith('.') && insideCodec(file, spec));
      expect(ok, `${file} imports ${spec}`).toBe(true);
    }
  });

  it('has tests that reach nothing of ours outside the folder either', () => {
    for (const file of files.filter((f) => f.endsWith('.test.ts'))) {
      for (const spec of specifiers(file)) {
        if (spec.startsWith('.')) expect(insideCodec(file, spec), `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});
