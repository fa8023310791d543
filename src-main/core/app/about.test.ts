import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundledPackage } from '../../contract/app.js';
import { aboutInfo } from './about.js';

const pkg = (name: string, how: BundledPackage['how'], version = '1.0.0'): BundledPackage => ({
  name,
  version,
  license: 'MIT',
  licenseText: `MIT License for ${name}`,
  homepage: null,
  how,
});

describe('aboutInfo', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'samsa-about-'));
    for (const part of ['main', 'preload', 'renderer']) mkdirSync(join(dir, part));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every package the build recorded once, sorted, with the version and runtime', async () => {
    writeFileSync(
      join(dir, 'main', 'licenses.json'),
      JSON.stringify([pkg('zod', 'runtime'), pkg('kafkajs', 'runtime')]),
    );
    writeFileSync(join(dir, 'preload', 'licenses.json'), JSON.stringify([pkg('electron', 'platform', '45.5.0')]));
    writeFileSync(
      join(dir, 'renderer', 'licenses.json'),
      JSON.stringify([pkg('react', 'bundled'), pkg('zod', 'bundled'), { name: 'broken' }]),
    );
    const about = await aboutInfo({ version: '0.1.0', mode: 'browser', buildDir: dir });
    expect(about).toMatchObject({ productName: 'Samsa', version: '0.1.0', mode: 'browser', packagesNote: null });
    expect(about.runtime.node).toBe(process.versions.node);
    expect(about.packages.map((p) => `${p.name}:${p.how}`)).toEqual([
      'electron:platform',
      'kafkajs:runtime',
      'react:bundled',
      'zod:runtime',
    ]);
    expect(about.packages[1]!.licenseText).toBe('MIT License for kafkajs');
  });

  it('says where the list comes from when running from sources', async () => {
    const about = await aboutInfo({ version: 'dev', mode: 'electron', buildDir: join(dir, 'nothing') });
    expect(about.packages).toEqual([]);
    expect(about.packagesNote).toMatch(/written by the build/);
  });
});
