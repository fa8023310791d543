import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LagHistory } from './lag-history.js';

const child = new URL('./testing/writer-child.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'samsa-lag-crash-'));
const path = join(dir, 'lag-history.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a writer, lets it commit about `ticks` ticks, then kills it with SIGKILL mid-write. */
function writeThenKill(ticks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, path, '300', '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastCommitted = -1;
    let seen = 0;
    let err = '';
    let buf = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        const m = /^committed (\d+)$/.exec(l);
        if (!m) continue;
        lastCommitted = Number(m[1]);
        // Kill while the next transaction is being written, not between them.
        if (++seen === ticks) p.kill('SIGKILL');
      }
    });
    p.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lastCommitted);
      else reject(new Error(`writer exited by itself (${code}): ${err}`));
    });
  });
}

describe('lag history survives kill -9 of its writer', () => {
  it('stays readable and keeps every committed tick, over repeated kills', async () => {
    for (const ticks of [15, 23, 40]) {
      const committed = await writeThenKill(ticks);
      const h = new LagHistory(path);
      try {
        expect(h.problem).toBeNull();
        expect(h.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        const series = h.seriesOf('c', 'g299').find((s) => s.partition === -1)!;
        const pts = h.points([series.id], 0, Date.UTC(2030, 0, 1), 0).get(series.id)!;
        const lastT = pts[pts.length - 1]!.t;
        const lastTick = (lastT - Date.UTC(2026, 10, 1)) / 1000;
        // Everything reported as committed is there; at most the tick in flight (never reported) more.
        expect(lastTick).toBeGreaterThanOrEqual(committed);
        expect(lastTick).toBeLessThanOrEqual(committed + 1);
        expect(pts).toHaveLength(lastTick + 1);
        expect(pts.every((p, i) => p.committed === i * 10 && p.end === i * 11)).toBe(true);
      } finally {
        h.close();
      }
    }
  }, 60_000);
});
