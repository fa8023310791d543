import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AboutInfo, BundledPackage } from '../../contract/app.js';

/** Where each build writes its list (see scripts/lib/bundled-licenses.ts). */
const LISTS = ['main', 'preload', 'renderer'].map((part) => join(part, 'licenses.json'));
const HOW_RANK: Record<BundledPackage['how'], number> = { platform: 0, runtime: 1, bundled: 2 };

function isPackage(value: unknown): value is BundledPackage {
  const p = value as BundledPackage;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.name === 'string' &&
    typeof p.version === 'string' &&
    typeof p.license === 'string' &&
    (p.licenseText === null || typeof p.licenseText === 'string') &&
    p.how in HOW_RANK
  );
}

/**
 * The packages the build recorded for main, preload and renderer, one entry per name and
 * version. A package both bundled and loaded at run time (zod) is listed once.
 */
export async function readBundledPackages(buildDir: string): Promise<BundledPackage[] | null> {
  const merged = new Map<string, BundledPackage>();
  let found = false;
  for (const list of LISTS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(join(buildDir, list), 'utf8'));
      found = true;
    } catch {
      continue;
    }
    for (const p of Array.isArray(parsed) ? parsed.filter(isPackage) : []) {
      const key = `${p.name}@${p.version}`;
      const seen = merged.get(key);
      if (!seen || HOW_RANK[p.how] < HOW_RANK[seen.how]) merged.set(key, { ...p, homepage: p.homepage ?? null });
    }
  }
  return found ? [...merged.values()].sort((a, b) => a.name.localeCompare(b.name)) : null;
}

export async function aboutInfo(opts: {
  version: string;
  mode: 'electron' | 'browser';
  buildDir: string | undefined;
}): Promise<AboutInfo> {
  const packages = opts.buildDir ? await readBundledPackages(opts.buildDir) : null;
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    productName: 'Samsa',
    version: opts.version,
    mode: opts.mode,
    runtime: { node: versions.node, electron: versions.electron ?? null, chrome: versions.chrome ?? null },
    packages: packages ?? [],
    packagesNote: packages
      ? null
      : 'This copy runs from sources: the list of bundled packages is written by the build (npm run build).',
  };
}
