/** End-to-end with librdkafka through kcat: metadata, keyed produce/consume, groups, every codec. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

const KCAT = '/usr/bin/kcat';
const hasKcat = fs.existsSync(KCAT);

let broker: TestBroker;

function kcat(
  args: string[],
  input?: string,
  timeoutMs = 30_000,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(KCAT, ['-b', broker.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    p.stdin.end(input ?? '');
  });
}

describe.skipIf(!hasKcat)('kcat (librdkafka)', () => {
  beforeAll(async () => {
    broker = await startTestBroker();
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  it('-L lists the broker and topics', async () => {
    await kcat(['-P', '-t', 'listed'], 'x\n');
    const r = await kcat(['-L']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`broker 1 at ${broker.host}:${broker.port} (controller)`);
    expect(r.stdout).toMatch(/topic "listed" with 1 partitions/);
  });

  it('-P with keys, then -C from the beginning reads them back with keys', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `key${i}:value${i}`);
    const p = await kcat(['-P', '-t', 'keyed', '-K:'], lines.join('\n') + '\n');
    expect(p.code).toBe(0);
    const c = await kcat(['-C', '-t', 'keyed', '-e', '-o', 'beginning', '-q', '-f', '%k:%s\n']);
    expect(c.code).toBe(0);
    expect(c.stdout.trim().split('\n')).toEqual(lines);
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
    it(`produces and consumes with ${codec}`, async () => {
      const topic = `codec-${codec}`;
      const lines = Array.from({ length: 2000 }, (_, i) => `k${i % 10}:${codec} message ${i} ${'x'.repeat(i % 50)}`);
      const p = await kcat(['-P', '-t', topic, '-K:', '-X', `compression.codec=${codec}`], lines.join('\n') + '\n');
      expect(p.code, p.stderr).toBe(0);
      const c = await kcat(['-C', '-t', topic, '-e', '-o', 'beginning', '-q', '-f', '%k:%s\n']);
      expect(c.stdout.trim().split('\n')).toEqual(lines);
    });
  }

  it('-G consumes in a group and commits', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `g${i}`);
    await kcat(['-P', '-t', 'grouped'], lines.join('\n') + '\n');
    const c = await kcat(['-G', 'kcat-group', '-X', 'auto.offset.reset=earliest', '-e', '-q', '-f', '%s\n', 'grouped']);
    expect(c.stdout.trim().split('\n')).toEqual(lines);
    // A second run of the same group finds nothing new: the offsets were committed.
    const again = await kcat([
      '-G',
      'kcat-group',
      '-X',
      'auto.offset.reset=earliest',
      '-e',
      '-q',
      '-f',
      '%s\n',
      'grouped',
    ]);
    expect(again.stdout.trim()).toBe('');
  });
});
