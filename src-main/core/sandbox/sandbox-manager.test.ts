import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { identityOf, isProcessGone } from '../../util/process-state.js';
import { deadPid } from '../../util/testing/processes.js';
import { scriptLaunch } from '../testing/script-launch.js';
import { SandboxManager } from './sandbox-manager.js';

// A stand-in broker that binds the port it is given, says it is ready, and on SIGTERM takes
// `lingerMs` to let go, as a broker flushing its logs would.
const fakeBroker = (lingerMs: number, onTerm = `setTimeout(() => process.exit(0), ${lingerMs})`) => `
  const net = require('node:net');
  const argv = process.argv;
  const port = Number(argv[argv.indexOf('--port') + 1]);
  const server = net.createServer().listen({ port, host: '127.0.0.1', exclusive: true }, () =>
    console.log('Samsa sandbox ready on 127.0.0.1:' + port));
  server.on('error', (e) => { console.error('Samsa sandbox: port ' + port + ' on 127.0.0.1 is already in use'); process.exit(2); });
  process.on('SIGTERM', () => { ${onTerm} });
  console.error(new Date(Date.UTC(2026, 4, 4, 5, 41, 20)).toISOString() + ' INFO sandbox up');
`;

async function listenOn(port: number) {
  const server = createServer();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return server;
}

describe('SandboxManager start and stop', () => {
  let dir: string;
  let managers: SandboxManager[];
  const manager = (
    source: string,
    extra: { startTimeoutMs?: number; stopTimeoutMs?: number; portGraceMs?: number } = {},
  ) => {
    const m = new SandboxManager({
      dataDir: join(dir, 'data'),
      launch: scriptLaunch(source),
      events: { emit: () => undefined },
      ...extra,
    });
    managers.push(m);
    return m;
  };
  const errorsLogged = (m: SandboxManager) =>
    m
      .logs()
      .filter((l) => l.level === 'error')
      .map((l) => l.text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'samsa-mgr-'));
    managers = [];
  });
  afterEach(async () => {
    for (const m of managers) await m.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stop returns only once the old broker has let go, so Start on the same port succeeds at once', async () => {
    const m = manager(fakeBroker(400));
    const port = await freePort();
    const first = await m.start(port);
    const stopped = await m.stop();
    expect(stopped.state).toBe('stopped');
    expect(isProcessGone(first.pid!)).toBe(true);
    const again = await m.start(port);
    expect(again).toMatchObject({ state: 'running', port, error: null });
    expect(errorsLogged(m)).toEqual([]);
  });

  it('right after its broker exited, waits for the port to be released instead of failing at once', async () => {
    const m = manager(fakeBroker(0), { portGraceMs: 3_000 });
    const port = await freePort();
    await m.start(port);
    await m.stop();
    // Something (the OS, a socket the old broker handed on) still holds the port for a moment.
    const blocker = await listenOn(port);
    setTimeout(() => blocker.close(), 600);
    expect(await m.start(port)).toMatchObject({ state: 'running', port });
  });

  it('a port someone else keeps is refused with a free one suggested, in the error and the log', async () => {
    const m = manager(fakeBroker(0), { portGraceMs: 3_000 });
    const port = await freePort();
    const blocker = await listenOn(port);
    const started = Date.now();
    try {
      await expect(m.start(port)).rejects.toMatchObject({ code: 'PORT_IN_USE' });
      expect(Date.now() - started, 'no waiting on a port someone else holds').toBeLessThan(1_500);
      const status = await m.status();
      expect(status.state).toBe('failed');
      expect(errorsLogged(m)).toEqual([`Start failed: ${status.error}`]);
      expect(status.error).toMatch(new RegExp(`^Port ${port} is already in use\\. Port \\d+ is free\\.$`));
    } finally {
      blocker.close();
    }
  });

  it('logs the reason of a broker that exits during start-up', async () => {
    const m = manager(`console.error('Samsa sandbox: failed to start: disk full'); process.exit(1)`);
    await expect(m.start(await freePort())).rejects.toMatchObject({ code: 'SANDBOX_ERROR' });
    expect(errorsLogged(m)).toEqual([
      'Samsa sandbox: failed to start: disk full',
      'Start failed: The sandbox broker exited during start-up (exit code 1): failed to start: disk full',
    ]);
  });

  it('logs a broker that never becomes ready, and the next start waits until it is gone', async () => {
    const marker = join(dir, 'hung-once');
    const launch = scriptLaunch(`
      const fs = require('node:fs');
      if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); setInterval(() => {}, 1000); }
      else { ${fakeBroker(0)} }`);
    const m = new SandboxManager({
      dataDir: join(dir, 'data'),
      launch,
      events: { emit: () => undefined },
      startTimeoutMs: 1_000,
    });
    managers.push(m);
    const port = await freePort();
    await expect(m.start(port)).rejects.toThrow(/did not become ready in time/);
    expect(errorsLogged(m)).toEqual([
      'Start failed: The sandbox broker did not become ready in time (nothing from it for 1 s).',
    ]);
    expect(await m.start(port)).toMatchObject({ state: 'running', port });
    expect(isProcessGone(launch.pids[0]!)).toBe(true);
  });

  it('waits for a broker that keeps reporting progress longer than the start timeout', async () => {
    const m = manager(
      `let n = 0;
      const t = setInterval(() => {
        console.error(new Date().toISOString() + ' INFO loading topics: ' + (++n) + ' of 6');
        if (n === 6) { clearInterval(t); ${fakeBroker(0).replace(/`/g, '\\`')} }
      }, 300);`,
      { startTimeoutMs: 1_000 },
    );
    const port = await freePort();
    expect(await m.start(port)).toMatchObject({ state: 'running', port });
    expect(m.logs().filter((l) => l.text.startsWith('loading topics')).length).toBe(6);
  });

  it('lets a stopping broker that reports progress finish, and kills one that goes silent', async () => {
    const closing = fakeBroker(
      0,
      `let n = 0;
      const t = setInterval(() => {
        console.error(new Date().toISOString() + ' INFO closing topics: ' + (++n) + ' of 5');
        if (n === 5) { clearInterval(t); process.exit(0); }
      }, 300);`,
    );
    const patient = manager(closing, { stopTimeoutMs: 1_000 });
    await patient.start(await freePort());
    expect(await patient.stop()).toMatchObject({ state: 'stopped' });
    expect(patient.logs().filter((l) => l.text.startsWith('closing topics')).length).toBe(5);
    expect(patient.logs().some((l) => l.text.includes('killing it'))).toBe(false);

    const silent = manager(fakeBroker(0, '/* ignores it */'), {
      stopTimeoutMs: 1_000,
    });
    await silent.start(await freePort());
    const asked = Date.now();
    await silent.stop();
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(silent.logs().some((l) => l.text.includes('nothing from it for 1 s; killing it'))).toBe(true);
  });

  it('shows the broker’s own time and level once, not inside the text', async () => {
    const m = manager(fakeBroker(0));
    await m.start(await freePort());
    const line = m.logs().find((l) => l.text === 'sandbox up');
    expect(line).toEqual({ time: Date.UTC(2026, 4, 4, 5, 41, 20), level: 'info', text: 'sandbox up' });
  });

  it('tells every broker who its parent is, so it can stop when the app is gone', async () => {
    const launch = scriptLaunch(fakeBroker(0));
    const m = new SandboxManager({ dataDir: join(dir, 'data'), launch, events: { emit: () => undefined } });
    managers.push(m);
    await m.start(await freePort());
    expect(launch.argsSeen[0]).toEqual(expect.arrayContaining(['--parent-pid', String(process.pid)]));
  });
});

describe('SandboxManager and a data folder someone holds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'samsa-mgr-lock-'));
    mkdirSync(join(dir, 'data'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(process.platform === 'linux')(
    'stops a broker whose app is gone (an orphan from a killed Samsa) and starts',
    async () => {
      const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      await once(orphan, 'spawn');
      const owner = { ...identityOf(orphan.pid), parent: { pid: await deadPid(), startTime: null } };
      writeFileSync(join(dir, 'data', '.lock'), JSON.stringify(owner));
      const m = new SandboxManager({
        dataDir: join(dir, 'data'),
        launch: scriptLaunch(fakeBroker(0)),
        events: { emit: () => undefined },
      });
      try {
        expect((await m.start(await freePort())).state).toBe('running');
        expect(isProcessGone(orphan.pid!)).toBe(true);
        expect(m.logs().some((l) => l.level === 'warn' && l.text.includes(`(pid ${orphan.pid})`))).toBe(true);
      } finally {
        await m.stop();
        orphan.kill('SIGKILL');
      }
    },
  );

  it('refuses a folder held by a broker whose app still runs, without touching it', async () => {
    writeFileSync(
      join(dir, 'data', '.lock'),
      JSON.stringify({ pid: process.pid, startTime: null, parent: { pid: process.ppid, startTime: null } }),
    );
    const m = new SandboxManager({
      dataDir: join(dir, 'data'),
      launch: scriptLaunch(fakeBroker(0)),
      events: { emit: () => undefined },
    });
    await expect(m.start(await freePort())).rejects.toThrow(`in use by another sandbox broker (pid ${process.pid}`);
    expect(m.logs().at(-1)).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/^Start failed: The sandbox/),
    });
  });
});
