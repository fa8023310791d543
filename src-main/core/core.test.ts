import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../contract/events.js';
import { createCore } from './index.js';
import { ProfileStore } from './profiles/profile-store.js';
import { keyFileSecretStore } from './profiles/key-file-secrets.js';
import { scriptLaunch } from './testing/script-launch.js';

// A launch that would fail at once: these tests never start the broker.
const noBroker = scriptLaunch('process.exit(9)');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-core-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createCore (no Kafka needed)', () => {
  it('answers app.info and reports a stopped sandbox without starting it', async () => {
    const core = createCore({
      dataDir: dir,
      events: { emit: () => {} },
      sandboxLaunch: noBroker,
      mode: 'browser',
      version: '1.2.3',
    });
    expect(await core['app.info']({})).toEqual({
      version: '1.2.3',
      mode: 'browser',
      dataDir: dir,
      notices: [],
      secretStorage: { kind: 'key-file', description: expect.stringContaining('secret.key'), warning: null },
    });
    expect(await core['sandbox.status']({})).toMatchObject({
      state: 'stopped',
      port: null,
      dataDir: join(dir, 'sandbox'),
    });
    await expect(core['sandbox.loadSampleData']({})).rejects.toMatchObject({ code: 'SANDBOX_ERROR' });
    await core.close();
  });

  it('a sandbox that cannot start is reported as failed, with its reason', async () => {
    const core = createCore({
      dataDir: dir,
      events: { emit: () => {} },
      sandboxLaunch: noBroker,
      mode: 'browser',
      version: 'x',
    });
    await expect(core['sandbox.start']({ port: 0 })).rejects.toMatchObject({ code: 'SANDBOX_ERROR' });
    expect((await core['sandbox.status']({})).state).toBe('failed');
    expect(await core['connections.list']({})).toEqual([]);
    await core.close();
  });

  it('unknown connection ids are NOT_FOUND', async () => {
    const core = createCore({
      dataDir: dir,
      events: { emit: () => {} },
      sandboxLaunch: noBroker,
      mode: 'electron',
      version: 'x',
    });
    await expect(core['cluster.overview']({ clusterId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });

  it('a cancelled call stops at once with CANCELLED', async () => {
    const core = createCore({
      dataDir: dir,
      events: { emit: () => {} },
      sandboxLaunch: noBroker,
      mode: 'browser',
      version: 'x',
    });
    const p = await core['connections.create']({
      name: 'nowhere',
      bootstrapServers: ['127.0.0.1:1'],
      tls: false,
      sasl: null,
    });
    const abort = new AbortController();
    const started = Date.now();
    const call = core['topics.list']({ clusterId: p.id }, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(2000);
    await core.close();
  });
});

describe('ProfileStore.upsertSandbox', () => {
  function store() {
    const seen: { event: EventName; payload: EventMap[EventName] }[] = [];
    let t = 1000;
    const s = new ProfileStore({
      dataDir: dir,
      secrets: keyFileSecretStore(dir),
      events: { emit: (event, payload) => seen.push({ event, payload }) },
      now: () => t++,
    });
    return { s, seen };
  }

  it('creates one sandbox connection, follows its port, and is quiet when nothing changed', async () => {
    const { s, seen } = store();
    const a = await s.upsertSandbox('127.0.0.1:9092');
    expect(a).toMatchObject({ name: 'Sandbox', sandbox: true, bootstrapServers: ['127.0.0.1:9092'], sasl: null });
    const b = await s.upsertSandbox('127.0.0.1:9093');
    expect(b.id).toBe(a.id);
    expect(b.bootstrapServers).toEqual(['127.0.0.1:9093']);
    const events = seen.length;
    await s.upsertSandbox('127.0.0.1:9093');
    expect(seen.length).toBe(events);
    expect(await s.list()).toHaveLength(1);
  });

  it('keeps a name the user gave the sandbox connection', async () => {
    const { s } = store();
    const a = await s.upsertSandbox('127.0.0.1:9092');
    await s.update(a.id, { name: 'My sandbox', bootstrapServers: ['127.0.0.1:9092'], tls: false, sasl: null });
    const b = await s.upsertSandbox('127.0.0.1:9094');
    expect(b).toMatchObject({ id: a.id, name: 'My sandbox', sandbox: true, bootstrapServers: ['127.0.0.1:9094'] });
  });

  it('a profile the renderer creates is never a sandbox profile', async () => {
    const { s } = store();
    const p = await s.create({ name: 'Sandbox', bootstrapServers: ['127.0.0.1:9092'], tls: false, sasl: null });
    expect(p.sandbox).toBe(false);
  });
});
