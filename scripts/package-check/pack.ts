/**
 * Runs electron-builder itself, for Linux into a plain folder ("dir" target), on a stand-in for
 * the Electron binary that cannot be downloaded here. The stand-in is a small file that carries
 * Electron's fuse wire (the sentinel, version 1, and Electron's default fuse states), so
 * electron-builder goes through every step it takes for a real build: it collects the files and
 * production dependencies, writes app.asar, and flips the fuses, which are then read back.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuses in wire order, with the state Electron ships them in. */
export const FUSE_WIRE: { name: string; electronDefault: boolean }[] = [
  { name: 'runAsNode', electronDefault: true },
  { name: 'enableCookieEncryption', electronDefault: false },
  { name: 'enableNodeOptionsEnvironmentVariable', electronDefault: true },
  { name: 'enableNodeCliInspectArguments', electronDefault: true },
  { name: 'enableEmbeddedAsarIntegrityValidation', electronDefault: false },
  { name: 'onlyLoadAppFromAsar', electronDefault: false },
  { name: 'loadBrowserProcessSpecificV8Snapshot', electronDefault: false },
  { name: 'grantFileProtocolExtraPrivileges', electronDefault: true },
];

export interface PackResult {
  appDir: string;
  asarPath: string;
  executable: string;
  log: string;
}

function writeStandIn(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = FUSE_WIRE.map((f) => (f.electronDefault ? '1' : '0')).join('');
  const body = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "Stand-in for the Electron binary (packaging check); it cannot run the app."\nexit 1\n# ',
    ),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, FUSE_WIRE.length]),
    Buffer.from(`${wire}\n`, 'latin1'),
  ]);
  writeFileSync(join(dir, 'electron'), body);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in: the real Electron licence ships with the real binary.\n');
}

/** electron-builder --linux dir into `workDir`; throws with its output when it fails. */
export function packWithStandIn(root: string, workDir: string, executableName = 'samsa'): PackResult {
  const standIn = join(workDir, 'electron-stand-in');
  const output = join(workDir, 'dist');
  writeStandIn(standIn);
  const bin = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(
    process.execPath,
    [
      bin,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 300_000 },
  );
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`electron-builder failed (exit ${r.status}):\n${log}`);
  const appDir = join(output, 'linux-unpacked');
  return { appDir, asarPath: join(appDir, 'resources', 'app.asar'), executable: join(appDir, executableName), log };
}

/** The fuse states electron-builder left in the (stand-in) binary, by name. */
export function readFuses(executable: string): Record<string, boolean | 'removed'> {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(Buffer.from(FUSE_SENTINEL, 'latin1'));
  if (at < 0) throw new Error(`No fuse wire in ${executable}`);
  const start = at + FUSE_SENTINEL.length;
  const length = bytes[start + 1]!;
  const states: Record<string, boolean | 'removed'> = {};
  for (let i = 0; i < Math.min(length, FUSE_WIRE.length); i++) {
    const c = String.fromCharCode(bytes[start + 2 + i]!);
    states[FUSE_WIRE[i]!.name] = c === 'r' ? 'removed' : c === '1';
  }
  return states;
}
