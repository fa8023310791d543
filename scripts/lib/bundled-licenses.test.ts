import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDirOf, runtimeClosure } from './bundled-licenses.js';

const root = join(import.meta.dirname, '..', '..');
const nm = (...parts: string[]) => [root, 'node_modules', ...parts].join(sep);

describe('bundled licences', () => {
  it('finds the package a bundled module belongs to, scoped or not, nested or not', () => {
    expect(packageDirOf(nm('react', 'cjs', 'react.production.js'))).toBe(nm('react'));
    expect(packageDirOf(`\0${nm('@tanstack', 'query-core', 'build', 'x.js')}?commonjs-proxy`)).toBe(
      nm('@tanstack', 'query-core'),
    );
    expect(packageDirOf(nm('a', 'node_modules', 'b', 'index.js'))).toBe(nm('a', 'node_modules', 'b'));
    expect(packageDirOf(join(root, 'src-main', 'core', 'index.ts'))).toBeNull();
  });

  it('takes a run-time import with its dependencies, and Electron without its own', () => {
    const found = [...runtimeClosure(['kafkajs', 'electron'], root).values()].sort();
    expect(found).toEqual(['electron', 'kafkajs']);
  });
});
