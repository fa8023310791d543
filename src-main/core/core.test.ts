import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxStatus } from '../contract/sandbox.js';
import { createCore } from './index.js';
import type { SandboxController } from './sandbox/sandbox-controller.js';

const status: SandboxStatus = {
  state: 'running',
  host: '127.0.0.1',
  port: 9092,
  dataDir: '/x',
  dataSizeBytes: 0,
  pid: 1,
  startedAt: 1,
  error: null,
  suggestedPort: null,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-core-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createCore (no Kafka needed)', () => {
  it('answers app.info and delegates sandbox.* to the controller', async () => {
    const sandbox: SandboxController = {
      status: vi.fn(async () => status),
      start: vi.fn(async () => status),
      stop: vi.fn(async () => status),
      reset: vi.fn(async () => status),
      logs: vi.fn(async () => [{ time: 1, level: 'info' as const, text: 'hi' }]),
      loadSampleData: vi.fn(async () => ({ topics: ['t'], records: 1, groups: [] })),
    };
    const core = createCore({ dataDir: dir, events: { emit: () => {} }, sandbox, mode: 'browser', version: '1.2.3' });
    expect(await core['app.info']({})).toEqual({ version: '1.2.3', mode: 'browser', dataDir: dir, notices: [] });
    await core['sandbox.start']({ port: 9093 });
    expect(sandbox.start).toHaveBeenCalledWith(9093);
    expect(await core['sandbox.logs']({})).toHaveLength(1);
    expect((await core['sandbox.loadSampleData']({})).topics).toEqual(['t']);
    await core.close();
  });

  it('keeps the sandbox flag the host sets on its own profile, and unknown ids are NOT_FOUND', async () => {
    const core = createCore({
      dataDir: dir,
      events: { emit: () => {} },
      sandbox: {} as SandboxController,
      mode: 'electron',
      version: 'x',
    });
    const input = { name: 'Sandbox', bootstrapServers: ['127.0.0.1:9092'], tls: false, sasl: null, sandbox: true };
    const p = await core['connections.create'](input);
    expect(p.sandbox).toBe(true);
    const u = await core['connections.update']({ id: p.id, input: { ...input, bootstrapServers: ['127.0.0.1:9999'] } });
    expect(u.sandbox).toBe(true);
    await expect(core['cluster.overview']({ clusterId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
