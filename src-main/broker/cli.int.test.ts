/** The CLI as a process: ready line, clean stop on SIGTERM/SIGINT, exit 2 on a port in use, --ipc messages. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './testing/test-broker.js';

const CLI = path.resolve('src-main/broker/cli.ts');
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(args: string[]) {
  const dir = tempDataDir('samsa-cli-');
  dirs.push(dir);
  const child = spawn(process.execPath, [TSX, CLI, '--data-dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /Samsa sandbox ready on (\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    exited.then(() => reject(new Error(`exited before ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, out: () => ({ stdout, stderr }) };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('broker cli', () => {
  it('prints the ready line and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const port = await freePort();
      const p = run(['--port', String(port)]);
      expect(await p.ready).toBe(`127.0.0.1:${port}`);
      expect(p.out().stdout).toBe(`Samsa sandbox ready on 127.0.0.1:${port}\n`);
      p.child.kill(sig);
      expect(await p.exited).toBe(0);
    }
  });

  it('exits with code 2 and one clear line when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const p = run(['--port', String(port)]);
      expect(await p.exited).toBe(2);
      const lines = p.out().stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`port ${port} .*already in use`));
    } finally {
      blocker.close();
    }
  });

  it('reports ready and logs over IPC with --ipc', async () => {
    const dir = tempDataDir('samsa-cli-');
    dirs.push(dir);
    const child: ChildProcess = fork(CLI, ['--port', '0', '--data-dir', dir, '--ipc'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const messages: Array<{ type: string; port?: number }> = [];
    const ready = new Promise<{ port: number }>((resolve) =>
      child.on('message', (m: { type: string; port?: number }) => {
        messages.push(m);
        if (m.type === 'ready') resolve(m as { port: number });
      }),
    );
    const { port } = await ready;
    expect(port).toBeGreaterThan(0);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(messages.some((m) => m.type === 'log')).toBe(true);
  });
});
