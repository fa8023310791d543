/**
 * What is inside app.asar, read with @electron/asar: every file must match the allow-list, the
 * node_modules in it must be exactly the packages the built main code imports at run time (and
 * their dependencies), and what must never ship (sources, tests, maps, Kafka jars) is absent.
 */
import { extractAll, getRawHeader, listPackage, statFile } from '@electron/asar';
import { statSync } from 'node:fs';

/** Every file of the archive, by what it is for. A file matching none of these fails the check. */
export const ALLOW_LIST: { pattern: RegExp; why: string }[] = [
  { pattern: /^package\.json$/, why: 'name, version and entry point of the app' },
  { pattern: /^out\/main\/(index|serve|sandbox)\.js$/, why: 'entries: Electron main, browser mode, sandbox broker' },
  { pattern: /^out\/main\/chunks\/[\w.-]+\.js$/, why: 'code shared by those entries' },
  { pattern: /^out\/preload\/index\.cjs$/, why: 'the preload bridge' },
  { pattern: /^out\/renderer\/index\.html$/, why: 'the window' },
  { pattern: /^out\/renderer\/assets\/[\w.-]+\.(js|css|svg|png|woff2?)$/, why: 'the window’s bundled code and styles' },
  { pattern: /^out\/renderer\/[\w.-]+\.(svg|png|ico)$/, why: 'icons the window loads' },
  { pattern: /^out\/(main|preload|renderer)\/licenses\.json$/, why: 'licences of bundled packages (About)' },
  { pattern: /^node_modules\/(@[\w.-]+\/)?[\w.-]+\/.+$/, why: 'run-time dependencies (checked by name below)' },
];

/** Never in the app, wherever it sits. */
export const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  { pattern: /\.map$/, what: 'source map' },
  { pattern: /(^|\/)[^/]+\.(test|spec|int\.test)\.[cm]?[jt]sx?$/, what: 'test' },
  {
    pattern: /^(src-main|src-renderer|e2e|bench|test-support|scripts|resources|docs|\.ci)\//,
    what: 'source or tooling',
  },
  { pattern: /(^|\/)\.kafka\//, what: 'Kafka jars' },
  { pattern: /(^|\/)(fixtures?|__tests__)\//, what: 'test fixture' },
  { pattern: /(^|\/)\.env(\.|$)/, what: 'environment file' },
  {
    pattern: /^node_modules\/(electron|electron-updater|@sentry\/[^/]+|posthog-node|@segment\/[^/]+)\//,
    what: 'updater, telemetry or Electron itself',
  },
];

export interface ArchiveReport {
  files: string[];
  bytes: number;
  notAllowed: string[];
  forbidden: { file: string; what: string }[];
  packages: string[];
  missingPackages: string[];
  extraPackages: string[];
  unpacked: string[];
}

/** Top-level package names under node_modules/ in a file list (nested copies are their business). */
export function packagesIn(files: string[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (m) names.add(m[1]!);
  }
  return [...names].sort();
}

export function inspectArchive(asarPath: string, runtimePackages: string[]): ArchiveReport {
  const files = listPackage(asarPath, { isPack: false })
    .map((f) => f.replace(/\\/g, '/').replace(/^\//, ''))
    .filter((f) => {
      try {
        return !('files' in statFile(asarPath, f));
      } catch {
        return false;
      }
    });
  getRawHeader(asarPath); // throws on a damaged header
  const unpacked = files.filter((f) => (statFile(asarPath, f) as { unpacked?: boolean }).unpacked);
  const packages = packagesIn(files);
  return {
    files,
    bytes: statSync(asarPath).size,
    notAllowed: files.filter((f) => !ALLOW_LIST.some((a) => a.pattern.test(f))),
    forbidden: files.flatMap((file) =>
      FORBIDDEN.filter((x) => x.pattern.test(file)).map(({ what }) => ({ file, what })),
    ),
    packages,
    missingPackages: runtimePackages.filter((p) => !packages.includes(p)),
    extraPackages: packages.filter((p) => !runtimePackages.includes(p)),
    unpacked,
  };
}

export function extractArchive(asarPath: string, dest: string): void {
  extractAll(asarPath, dest);
}
