import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockState, readLockOwner, tryCreateLock } from './pid-lock.js';
import { deadPid, zombie } from './testing/processes.js';

describe('pid lock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'samsa-lock-'));
    file = join(dir, '.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once, names this process and its parent, and reads as held', () => {
    expect(tryCreateLock(file, process.ppid)).toBe(true);
    expect(tryCreateLock(file, process.ppid)).toBe(false);
    const owner = readLockOwner(file)!;
    expect(owner.pid).toBe(process.pid);
    expect(owner.parent?.pid).toBe(process.ppid);
    expect(lockState(owner)).toBe('held');
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual(['.lock']); // no temporary file left beside it
  });

  it('is free when its holder is gone, in the old bare-pid form too', async () => {
    const pid = await deadPid();
    writeFileSync(file, String(pid));
    expect(readLockOwner(file)).toEqual({ pid, startTime: null, parent: null });
    expect(lockState(readLockOwner(file))).toBe('free');
    writeFileSync(file, JSON.stringify({ pid, startTime: null, parent: null }));
    expect(lockState(readLockOwner(file))).toBe('free');
  });

  it.runIf(process.platform === 'linux')('is free when its holder is a zombie', async () => {
    const { pid, holder } = await zombie();
    try {
      writeFileSync(file, JSON.stringify({ pid, startTime: null, parent: null }));
      expect(lockState(readLockOwner(file))).toBe('free');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('is orphaned when its holder runs but the process that started it is gone', async () => {
    const parent = await deadPid();
    writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, startTime: null, parent: { pid: parent, startTime: null } }),
    );
    expect(lockState(readLockOwner(file))).toBe('orphaned');
  });

  it('reads torn or foreign content and a missing file as nobody', () => {
    expect(readLockOwner(file)).toBeNull();
    writeFileSync(file, '{"pid": 12');
    expect(readLockOwner(file)).toBeNull();
    writeFileSync(file, '{"pid": "me"}');
    expect(readLockOwner(file)).toBeNull();
    expect(lockState(null)).toBe('free');
  });
});
