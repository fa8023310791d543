import { test as base, chromium, _electron, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { appNodeFlags } from '../test-support/app-node-flags.js';

export const repoRoot = resolve(new URL('..', import.meta.url).pathname);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The installed Electron binary, or null. Read from the package's `path.txt` rather than by
 * requiring `electron`, whose entry point tries to download a missing binary (no network here).
 */
export function electronBinary(): string | null {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
    const binary = join(dist, relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Browser-mode processes a test started and has not stopped: a test that times out never reaches
 * its own `finally`, so the dataDir fixture's teardown (and, last, the worker's exit) stops them.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** Starts browser mode on a free port with its own data folder; resolves with the printed URL. */
export async function startBrowserMode(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [...appNodeFlags(), join(repoRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  let log = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${log}`)), 60_000);
    proc.stderr!.on('data', (d) => (log += d));
    proc.stdout!.on('data', (d) => {
      log += d;
      const m = /Samsa is running at (\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${log}`)));
  });
  return { url, proc };
}

export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (proc.exitCode === null) proc.kill('SIGKILL');
}

type Mode = 'web' | 'electron';

export interface SamsaOptions {
  samsaMode: Mode;
  /** Extra browser-mode arguments; by default the sandbox is not auto-started (tests bring their cluster). */
  samsaArgs: string[];
}

export const test = base.extend<SamsaOptions & { samsa: Page; kafkaBootstrap: string; dataDir: string }>({
  samsaMode: ['web', { option: true }],
  samsaArgs: [['--skip-sandbox'], { option: true }],

  kafkaBootstrap: async ({}, use) => {
    const bootstrap = process.env.SAMSA_KAFKA_BOOTSTRAP;
    if (!bootstrap) throw new Error('SAMSA_KAFKA_BOOTSTRAP is not set: the global setup did not start Kafka');
    await use(bootstrap);
  },

  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'samsa-e2e-'));
    await use(dir);
    await Promise.all([...running].map((p) => stopProcess(p)));
    await rm(dir, { recursive: true, force: true });
  },

  samsa: async ({ samsaMode, samsaArgs, dataDir }, use, testInfo) => {
    if (samsaMode === 'electron') {
      const binary = electronBinary();
      testInfo.skip(
        !binary,
        'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same specs ran in the "web" project against browser mode.',
      );
      const app = await _electron.launch({
        executablePath: binary!,
        args: [repoRoot],
        env: {
          ...process.env,
          SAMSA_DATA_DIR: dataDir,
          SAMSA_SKIP_SANDBOX: samsaArgs.includes('--skip-sandbox') ? '1' : '0',
        } as Record<string, string>,
      });
      const page = await app.firstWindow();
      await use(page);
      await app.close();
      return;
    }
    const { url, proc } = await startBrowserMode(dataDir, samsaArgs);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(url);
    await use(page);
    await browser.close();
    await stopProcess(proc);
  },
});

export { expect } from '@playwright/test';
