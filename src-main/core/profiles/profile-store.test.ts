import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMap, EventName, EventSink } from '../../contract/events.js';
import { ProfileStore, type ConnectionSettings } from './profile-store.js';
import { legacyPlaintext, SecretUnreadableError, type SecretStore } from './secret-store.js';

// Stores secrets in a form the real stores would also recognise as encrypted ("file:").
const fakeCipher: SecretStore = {
  describe: () => ({ kind: 'keychain', description: 'test', warning: null }),
  encrypt: (s) => `file:fake:${Buffer.from(s).toString('base64')}`,
  decrypt: (s) => legacyPlaintext(s) ?? Buffer.from(s.slice('file:fake:'.length), 'base64').toString(),
};

function recorder() {
  const events: { event: EventName; payload: unknown }[] = [];
  const sink: EventSink = {
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      events.push({ event, payload });
    },
  };
  return { sink, events };
}

const input: ConnectionSettings = {
  name: 'local',
  bootstrapServers: ['localhost:9092'],
  tls: false,
  sasl: { mechanism: 'plain', username: 'alice', password: 's3cret' },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-profiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function store(extra: Partial<ConstructorParameters<typeof ProfileStore>[0]> = {}) {
  let t = 1000;
  return new ProfileStore({ dataDir: dir, secrets: fakeCipher, events: recorder().sink, now: () => t++, ...extra });
}

describe('ProfileStore', () => {
  it('persists profiles across instances with the password encrypted on disk', async () => {
    const { sink, events } = recorder();
    const a = store({ events: sink });
    const created = await a.create(input);
    expect(created.sasl).toEqual({ mechanism: 'plain', username: 'alice', passwordSaved: true, passwordProblem: null });
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('connections.changed');

    const raw = await readFile(join(dir, 'connections.json'), 'utf8');
    expect(raw).not.toContain('s3cret');
    expect(raw).toContain('passwordSecret');

    const b = store();
    expect(await b.list()).toEqual([created]);
    expect((await b.require(created.id)).sasl?.password).toBe('s3cret');
  });

  it('never returns or announces a password, only whether one is saved', async () => {
    const { sink, events } = recorder();
    const s = store({ events: sink });
    const p = await s.create(input);
    await s.update(p.id, { ...input, name: 'renamed' });
    const out = JSON.stringify([p, await s.list(), events]);
    expect(out).not.toContain('s3cret');
    expect((await s.list())[0].sasl).toEqual({
      mechanism: 'plain',
      username: 'alice',
      passwordSaved: true,
      passwordProblem: null,
    });
    expect(await s.create({ ...input, name: 'plain', sasl: null })).toMatchObject({ sasl: null });
  });

  it('keeps the saved password when an update leaves it empty, and replaces it when typed', async () => {
    const s = store();
    const p = await s.create(input);
    const kept = await s.update(p.id, { ...input, name: 'renamed', sasl: { ...input.sasl!, password: '' } });
    expect(kept.sasl).toMatchObject({ mechanism: 'plain', username: 'alice', passwordSaved: true });
    expect((await store().require(p.id)).sasl).toEqual({ mechanism: 'plain', username: 'alice', password: 's3cret' });
    await s.update(p.id, { ...input, sasl: { ...input.sasl!, password: 'n3w' } });
    expect((await store().require(p.id)).sasl?.password).toBe('n3w');
  });

  it('never reuses a saved password for other addresses, TLS, mechanism or user', async () => {
    const s = store();
    const p = await s.create(input);
    const empty = { ...input.sasl!, password: '' };
    const changes = [
      { ...input, bootstrapServers: ['evil.example.com:9092'], sasl: empty },
      { ...input, tls: true, sasl: empty },
      { ...input, sasl: { ...empty, mechanism: 'scram-sha-256' as const } },
      { ...input, sasl: { ...empty, username: 'bob' } },
    ];
    for (const changed of changes) {
      await expect(s.update(p.id, changed)).rejects.toMatchObject({ code: 'VALIDATION', field: 'input.sasl.password' });
      await expect(s.settingsForTest(changed, p.id)).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'sasl.password',
      });
    }
    // The same servers in another order and case are the same target.
    const reordered = { ...input, bootstrapServers: ['LOCALHOST:9092'], sasl: empty };
    expect((await s.settingsForTest(reordered, p.id)).sasl?.password).toBe('s3cret');
    expect((await store().require(p.id)).sasl?.password).toBe('s3cret');
  });

  it('asks for a password when there is none to keep', async () => {
    const s = store();
    const p = await s.create({ ...input, sasl: null });
    const noPassword = { ...input, sasl: { ...input.sasl!, password: '' } };
    await expect(s.update(p.id, noPassword)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'input.sasl.password',
      message: 'Password is required',
    });
    await expect(s.create(noPassword)).rejects.toMatchObject({ code: 'VALIDATION', message: 'Password is required' });
    await expect(s.settingsForTest(noPassword)).rejects.toMatchObject({ code: 'VALIDATION', field: 'sasl.password' });
    await expect(s.settingsForTest(noPassword, p.id)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'sasl.password',
    });
  });

  it('tests with the saved password when given the id and an empty one', async () => {
    const s = store();
    const p = await s.create(input);
    const typed = { ...input, name: 'edited', sasl: { ...input.sasl!, password: '' } };
    expect(await s.settingsForTest(typed, p.id)).toEqual({ ...typed, sasl: { ...input.sasl, password: 's3cret' } });
    const other = { ...input, sasl: { ...input.sasl!, password: 'other' } };
    expect(await s.settingsForTest(other, p.id)).toEqual(other);
    expect(await s.settingsForTest({ ...input, sasl: null })).toEqual({ ...input, sasl: null });
  });

  it('keeps a password it cannot decrypt as it was on disk, says why, and asks for it', async () => {
    const a = await store().create(input);
    await store().create({ ...input, name: 'second', sasl: null });
    const before = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8')).connections[0].sasl.passwordSecret;
    const warn = vi.fn();
    const locked = () =>
      store({
        secrets: {
          ...fakeCipher,
          decrypt: () => {
            throw new SecretUnreadableError('the system keychain could not decrypt it');
          },
        },
        logger: { warn, error: vi.fn() },
      });
    const s = locked();
    const listed = (await s.list())[0]!.sasl!;
    expect(listed.passwordSaved).toBe(false);
    expect(listed.passwordProblem).toMatch(/cannot be used here: the system keychain could not decrypt it/);
    expect(warn).toHaveBeenCalled();
    // Editing another connection, or this one without a password, writes the secret back untouched.
    await s.update(a.id, { ...input, name: 'renamed', sasl: { ...input.sasl!, password: '' } });
    const after = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8')).connections[0].sasl.passwordSecret;
    expect(after).toBe(before);
    expect((await store().require(a.id)).sasl?.password).toBe('s3cret');
    // A test cannot use it: the person is asked to type it.
    await expect(s.settingsForTest({ ...input, sasl: { ...input.sasl!, password: '' } }, a.id)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'sasl.password',
    });
    // Typing it replaces it.
    await s.update(a.id, { ...input, sasl: { ...input.sasl!, password: 'typed' } });
    expect((await store().require(a.id)).sasl?.password).toBe('typed');
  });

  it('re-encrypts a password an older version stored as typed', async () => {
    await writeFile(
      join(dir, 'connections.json'),
      JSON.stringify({
        version: 1,
        connections: [
          {
            id: 'old',
            name: 'old',
            bootstrapServers: ['localhost:9092'],
            tls: false,
            sandbox: false,
            createdAt: 1,
            updatedAt: 1,
            sasl: { mechanism: 'plain', username: 'u', passwordSecret: 'typed-in-clear' },
          },
        ],
      }),
    );
    const s = store();
    expect((await s.require('old')).sasl?.password).toBe('typed-in-clear');
    const raw = await readFile(join(dir, 'connections.json'), 'utf8');
    expect(raw).not.toContain('typed-in-clear');
    expect((await store().require('old')).sasl?.password).toBe('typed-in-clear');
  });

  it('updates and removes, announcing each change', async () => {
    const { sink, events } = recorder();
    const s = store({ events: sink });
    const changes: string[] = [];
    s.onChange((c) => changes.push(`${c.kind}:${c.id}`));
    const p = await s.create(input);
    const u = await s.update(p.id, { ...input, name: 'renamed', sasl: null });
    expect(u.name).toBe('renamed');
    expect(u.updatedAt).toBeGreaterThan(p.updatedAt);
    expect(u.createdAt).toBe(p.createdAt);
    expect(await s.remove(p.id)).toBe(true);
    expect(await s.remove(p.id)).toBe(false);
    expect(changes).toEqual([`created:${p.id}`, `updated:${p.id}`, `removed:${p.id}`]);
    expect(events).toHaveLength(3);
    expect(await store().list()).toEqual([]);
    await expect(s.update('nope', input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serializes concurrent writes without losing any', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.create({ ...input, name: `c${i}` })));
    const names = (await store().list()).map((p) => p.name).sort();
    expect(names).toHaveLength(20);
  });

  it('leaves no temp files behind and keeps the old file when a write fails', async () => {
    const s = store();
    await s.create(input);
    const before = await readFile(join(dir, 'connections.json'), 'utf8');
    const failing = store({
      secrets: {
        ...fakeCipher,
        encrypt: () => {
          throw new Error('keychain locked');
        },
      },
    });
    await expect(failing.create({ ...input, name: 'second' })).rejects.toThrow('keychain locked');
    expect(await readFile(join(dir, 'connections.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('moves an unreadable file aside, reports it, and starts empty', async () => {
    await writeFile(join(dir, 'connections.json'), '{"version":1,"connections":[{"id":');
    const warn = vi.fn();
    const s = store({ logger: { warn, error: vi.fn() } });
    expect(await s.list()).toEqual([]);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('connections.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"version":1,"connections":[{"id":');
    expect(s.loadProblem).toContain(aside!);
    expect(warn).toHaveBeenCalledOnce();
    // The next save writes a fresh, valid file; the corrupt copy stays.
    await s.create(input);
    expect(await store().list()).toHaveLength(1);
    expect((await readdir(dir)).filter((f) => f.startsWith('connections.json.corrupt-'))).toHaveLength(1);
  });

  it('keeps readable profiles when some entries are broken, and preserves the original', async () => {
    const s = store();
    const good = await s.create(input);
    const body = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8'));
    body.connections.push({ id: 'x', name: 42 });
    await writeFile(join(dir, 'connections.json'), JSON.stringify(body));
    const t = store();
    expect((await t.list()).map((p) => p.id)).toEqual([good.id]);
    expect(t.loadProblem).toMatch(/1 saved connection/);
    expect((await readdir(dir)).some((f) => f.startsWith('connections.json.corrupt-'))).toBe(true);
  });

  it('keeps a bounded number of saved connections and says so', async () => {
    const s = store({ maxProfiles: 2 });
    await s.create(input);
    await s.create({ ...input, name: 'second' });
    await expect(s.create({ ...input, name: 'third' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Samsa keeps at most 2 saved connections. Remove some you no longer use first.',
    });
    expect(await s.list()).toHaveLength(2);
  });
});
