import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOW_LIST, FORBIDDEN, packagesIn } from './archive.js';
import { configProblems, loadBuilderConfig } from './builder-config.js';

const root = join(import.meta.dirname, '..', '..');

// Loading electron-builder's own config code takes seconds on a busy machine.
describe('electron-builder configuration check', { timeout: 60_000 }, () => {
  it('finds nothing wrong with the committed electron-builder.yml', async () => {
    const config = await loadBuilderConfig(root);
    expect(configProblems(config, { productName: 'Samsa' })).toEqual([]);
  });

  it('names each broken promise: a fuse left on, an update feed, a missing target', async () => {
    const config = await loadBuilderConfig(root);
    const broken = {
      ...config,
      publish: [{ provider: 'github' }],
      electronFuses: { ...config.electronFuses, runAsNode: true },
      linux: { ...config.linux, target: ['AppImage'] },
    };
    expect(configProblems(broken, { productName: 'Samsa' })).toEqual([
      'publish must be null: Samsa has no auto-update service and no update feed.',
      'electronFuses.runAsNode must be false.',
      'Linux targets must include AppImage and deb.',
    ]);
  });

  it('refuses a configuration electron-builder’s schema refuses', async () => {
    await expect(loadBuilderConfig(root, 'scripts/package-check/testing/invalid-builder.yml')).rejects.toThrow(
      /configuration/i,
    );
  });
});

describe('archive rules', () => {
  const allowed = (f: string) => ALLOW_LIST.some((a) => a.pattern.test(f));
  const forbidden = (f: string) => FORBIDDEN.some((x) => x.pattern.test(f));

  it('allows the built app and run-time packages, and nothing else', () => {
    for (const f of ['package.json', 'out/main/index.js', 'out/main/chunks/x-1.js', 'out/renderer/assets/index-A.css'])
      expect(allowed(f), f).toBe(true);
    for (const f of ['src-main/app/main.ts', 'out/main/notes.txt', 'README.md', 'out/renderer/assets/x.map.txt'])
      expect(allowed(f), f).toBe(false);
  });

  it('forbids maps, tests, sources, Kafka jars and updaters wherever they sit', () => {
    for (const f of [
      'out/main/index.js.map',
      'node_modules/kafkajs/src/retry/defaults.test.js',
      'src-renderer/src/main.tsx',
      '.kafka/libs/kafka.jar',
      'node_modules/electron-updater/out/main.js',
    ])
      expect(forbidden(f), f).toBe(true);
    expect(forbidden('node_modules/kafkajs/src/index.js')).toBe(false);
  });

  it('names the top-level packages of a file list', () => {
    expect(
      packagesIn(['node_modules/ws/index.js', 'node_modules/@scope/pkg/a.js', 'node_modules/ws/lib/x.js']),
    ).toEqual(['@scope/pkg', 'ws']);
  });
});
