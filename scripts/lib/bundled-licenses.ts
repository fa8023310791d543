/**
 * Build step (a Vite plugin): writes `licenses.json` beside each build's output, listing every
 * third-party package that ships in it with its version, licence and licence text, so the About
 * dialog shows what is really bundled and nobody keeps such a list by hand.
 *
 * Two ways a package ships: its code is bundled into our chunks (everything the renderer uses),
 * or a chunk imports it at run time from node_modules (what the main process and the broker use;
 * electron-builder packs those and whatever they depend on).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { Plugin } from 'vite';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's LICENSE (or LICENCE, COPYING) file; null when it ships none. */
  licenseText: string | null;
  homepage: string | null;
  /** 'bundled': compiled into our code; 'runtime': loaded from node_modules; 'platform': Electron itself. */
  how: 'bundled' | 'runtime' | 'platform';
}

export const LICENSES_FILE = 'licenses.json';

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  homepage?: string;
  repository?: string | { url?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const NODE_MODULES = `${sep}node_modules${sep}`;

/** The package folder a module file belongs to, or null for our own code. */
export function packageDirOf(moduleId: string): string | null {
  const file = moduleId.replace(/^\0+/, '').replace(/\?.*$/, '');
  const at = file.lastIndexOf(NODE_MODULES);
  if (at < 0) return null;
  const rest = file.slice(at + NODE_MODULES.length).split(sep);
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= depth) return null;
  return file.slice(0, at + NODE_MODULES.length) + rest.slice(0, depth).join(sep);
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function licenseOf(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  const types = (pkg.licenses ?? []).map((l) => l.type).filter(Boolean);
  return types.length > 0 ? types.join(' OR ') : 'UNKNOWN';
}

function licenseText(dir: string): string | null {
  const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

function homepageOf(pkg: PackageJson): string | null {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const url = pkg.homepage ?? repo ?? null;
  return url ? url.replace(/^git\+/, '').replace(/\.git$/, '') : null;
}

function describe(dir: string, how: BundledPackage['how']): BundledPackage {
  const pkg = readPackage(dir);
  return {
    name: pkg.name ?? dir.split(sep).pop()!,
    version: pkg.version ?? '0.0.0',
    license: licenseOf(pkg),
    licenseText: licenseText(dir),
    homepage: homepageOf(pkg),
    how,
  };
}

/** Where Node would find package `name` from `fromDir`. */
function resolvePackageDir(name: string, fromDir: string): string | null {
  const require = createRequire(join(fromDir, 'noop.js'));
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

function bareName(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('\0')) return null;
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every package a run-time import brings along: the package and its dependencies, transitively. */
export function runtimeClosure(names: Iterable<string>, root: string): Map<string, string> {
  const found = new Map<string, string>(); // dir -> name
  const visit = (name: string, fromDir: string) => {
    const dir = resolvePackageDir(name, fromDir);
    if (!dir || found.has(dir)) return;
    found.set(dir, name);
    if (name === 'electron') return; // the app's runtime, not a package inside it
    const pkg = readPackage(dir);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  for (const name of names) visit(name, root);
  return found;
}

export function bundledLicenses(root: string): Plugin {
  return {
    name: 'samsa-bundled-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bundled = new Set<string>();
      const imported = new Set<string>();
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        for (const [id, info] of Object.entries(item.modules)) {
          const dir = info.renderedLength > 0 ? packageDirOf(id) : null;
          if (dir) bundled.add(dir);
        }
        for (const spec of [...item.imports, ...item.dynamicImports]) {
          const name = bundle[spec] ? null : bareName(spec);
          if (name) imported.add(name);
        }
      }
      const entries = new Map<string, BundledPackage>();
      for (const dir of bundled) entries.set(dir, describe(dir, 'bundled'));
      for (const [dir, name] of runtimeClosure(imported, root)) {
        entries.set(dir, describe(dir, name === 'electron' ? 'platform' : 'runtime'));
      }
      const list = [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: LICENSES_FILE, source: `${JSON.stringify(list, null, 1)}\n` });
    },
  };
}
