/**
 * Saved connection profiles in `<dataDir>/connections.json`.
 * - Writes are atomic (temp file + rename) and serialized, so the file is always whole.
 * - A file that cannot be read is moved aside (`connections.json.corrupt-<ts>`), never overwritten.
 * - Secrets (SASL passwords, client private keys and their passphrases) follow the rules in
 *   profile-secrets.ts: encrypted at rest, never returned, kept when unreadable, reused only for
 *   the target they were saved for.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConnectionProfile } from '../../contract/connections.js';
import { formatBytes, LIMITS } from '../../contract/limits.js';
import { AppError } from '../../contract/errors.js';
import type { EventSink } from '../../contract/events.js';
import { checkTlsMaterial } from '../connections/tls-material.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import { silentLogger, type CoreLogger } from '../util/logger.js';
import {
  fromStored,
  redactProfile,
  storedInPlainText,
  StoredProfileSchema,
  toStored,
  withSavedSecrets,
  type ConnectionSettings,
  type ConnectionUpdate,
  type SavedProfile,
} from './profile-secrets.js';
import type { SecretStore } from './secret-store.js';

export { redactProfile, type ConnectionSettings, type ConnectionUpdate, type SavedProfile } from './profile-secrets.js';

const StoredFileSchema = z.object({
  version: z.literal(1),
  connections: z.array(z.unknown()),
});

export const CONNECTIONS_FILE = 'connections.json';

/** The name the sandbox's own connection gets when it is first saved (the user may rename it). */
export const SANDBOX_PROFILE_NAME = 'Sandbox';

export interface ProfileStoreDeps {
  dataDir: string;
  secrets: SecretStore;
  events: EventSink;
  now?: () => number;
  newId?: () => string;
  logger?: CoreLogger;
  /** At most this many saved connections (LIMITS.savedConnections). */
  maxProfiles?: number;
  /** At most this much certificate text over all saved connections (LIMITS.savedCertificateBytes). */
  maxCertificateBytes?: number;
}

export type ProfileChange = { id: string; kind: 'created' | 'updated' | 'removed' };

export class ProfileStore {
  private profiles: SavedProfile[] | null = null;
  private loading: Promise<SavedProfile[]> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(change: ProfileChange) => void>();
  private problem: string | null = null;
  private readonly file: string;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly logger: CoreLogger;

  constructor(private readonly deps: ProfileStoreDeps) {
    this.file = join(deps.dataDir, CONNECTIONS_FILE);
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
    this.logger = deps.logger ?? silentLogger;
  }

  /** Set when the saved file could not be read and was moved aside (path included). */
  get loadProblem(): string | null {
    return this.problem;
  }

  onChange(listener: (change: ProfileChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<ConnectionProfile[]> {
    return (await this.load()).map(redactProfile);
  }

  /** With the password: for the connection pool only. */
  async get(id: string): Promise<SavedProfile | undefined> {
    const p = (await this.load()).find((x) => x.id === id);
    return p ? structuredClone(p) : undefined;
  }

  /** With the password: for the connection pool only. */
  async require(id: string): Promise<SavedProfile> {
    const p = await this.get(id);
    if (!p)
      throw new AppError('NOT_FOUND', 'This connection no longer exists. It may have been removed.', {
        detail: `id ${id}`,
      });
    return p;
  }

  create(input: ConnectionSettings): Promise<ConnectionProfile> {
    return this.add(input, false);
  }

  /**
   * Keeps one connection marked as the bundled sandbox, pointing at the address it runs on now:
   * created on first start, its address updated when the sandbox moved to another port.
   */
  upsertSandbox(bootstrap: string): Promise<ConnectionProfile> {
    return this.mutate((list) => {
      const existing = list.find((p) => p.sandbox);
      if (existing && existing.bootstrapServers.length === 1 && existing.bootstrapServers[0] === bootstrap) {
        return { list, result: redactProfile(existing) };
      }
      const t = this.now();
      const profile: SavedProfile = existing
        ? { ...existing, bootstrapServers: [bootstrap], updatedAt: Math.max(t, existing.updatedAt + 1) }
        : {
            id: this.newId(),
            name: SANDBOX_PROFILE_NAME,
            bootstrapServers: [bootstrap],
            tls: false,
            sasl: null,
            sandbox: true,
            createdAt: t,
            updatedAt: t,
          };
      const change: ProfileChange = { id: profile.id, kind: existing ? 'updated' : 'created' };
      const next = existing ? list.map((p) => (p.id === profile.id ? profile : p)) : [...list, profile];
      return { list: next, result: redactProfile(profile), change };
    });
  }

  private add(input: ConnectionSettings, sandbox: boolean): Promise<ConnectionProfile> {
    return this.mutate((list) => {
      // The contract schema already demands it; this guards other callers.
      if (input.sasl && !input.sasl.password)
        throw new AppError('VALIDATION', 'Password is required', { field: 'sasl.password' });
      const max = this.deps.maxProfiles ?? LIMITS.savedConnections;
      if (list.length >= max) {
        throw new AppError(
          'VALIDATION',
          `Samsa keeps at most ${max.toLocaleString('en')} saved connections. Remove some you no longer use first.`,
        );
      }
      const t = this.now();
      const { sasl, tlsOptions } = withSavedSecrets(input, undefined, '');
      checkTlsMaterial(tlsOptions, '');
      const profile: SavedProfile = {
        id: this.newId(),
        name: input.name,
        bootstrapServers: [...input.bootstrapServers],
        tls: input.tls,
        sasl,
        ...(tlsOptions ? { tlsOptions } : {}),
        sandbox,
        createdAt: t,
        updatedAt: t,
      };
      const next = [...list, profile];
      this.checkCertificateTotal(next);
      return { list: next, result: redactProfile(profile), change: { id: profile.id, kind: 'created' } };
    });
  }

  /** An empty SASL password or client key keeps the saved one (the renderer never has it to send back). */
  update(id: string, input: ConnectionUpdate): Promise<ConnectionProfile> {
    return this.mutate((list) => {
      const old = list.find((p) => p.id === id);
      if (!old)
        throw new AppError('NOT_FOUND', 'This connection no longer exists. It may have been removed.', {
          detail: `id ${id}`,
        });
      const { tlsOptions: _old, ...kept } = old;
      const { sasl, tlsOptions } = withSavedSecrets(input, old, 'input.');
      checkTlsMaterial(tlsOptions, 'input.');
      const profile: SavedProfile = {
        ...kept,
        name: input.name,
        bootstrapServers: [...input.bootstrapServers],
        tls: input.tls,
        sasl,
        ...(tlsOptions ? { tlsOptions } : {}),
        // Keeps updatedAt strictly increasing so caches keyed on it always see the change.
        updatedAt: Math.max(this.now(), old.updatedAt + 1),
      };
      const next = list.map((p) => (p.id === id ? profile : p));
      this.checkCertificateTotal(next);
      return {
        list: next,
        result: redactProfile(profile),
        change: { id, kind: 'updated' },
      };
    });
  }

  /**
   * Certificates are public and come back with every list and change event, so all of them
   * together stay small enough for one message to every window.
   */
  private checkCertificateTotal(list: SavedProfile[]): void {
    const max = this.deps.maxCertificateBytes ?? LIMITS.savedCertificateBytes;
    const total = list.reduce(
      (n, p) => n + (p.tlsOptions?.caPem?.length ?? 0) + (p.tlsOptions?.clientCertPem?.length ?? 0),
      0,
    );
    if (total > max) {
      throw new AppError(
        'VALIDATION',
        `Saved connections hold at most ${formatBytes(max)} of certificates together; this one would bring them to ${formatBytes(total)}. Choose just the CA that signed the brokers' certificates, or remove connections you no longer use.`,
        { field: 'tlsOptions.caPem' },
      );
    }
  }

  /** Settings for connections.test: with `id`, an empty password or key means the saved one. */
  async settingsForTest(input: ConnectionUpdate, id?: string): Promise<ConnectionSettings> {
    const saved = id ? await this.require(id) : undefined;
    const { sasl, tlsOptions } = withSavedSecrets(input, saved, '');
    checkTlsMaterial(tlsOptions, '');
    if (sasl?.unreadable && !sasl.password) {
      throw new AppError(
        'VALIDATION',
        `Enter the password: the saved one cannot be used here (${sasl.unreadable.reason}).`,
        { field: 'sasl.password' },
      );
    }
    if (tlsOptions?.unreadable && !tlsOptions.clientKeyPem) {
      throw new AppError(
        'VALIDATION',
        `Choose the private key file: the saved one cannot be used here (${tlsOptions.unreadable.reason}).`,
        { field: 'tlsOptions.clientKeyPem' },
      );
    }
    const settings: ConnectionSettings = {
      ...input,
      sasl: sasl && { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password },
    };
    if (tlsOptions) {
      const { unreadable: _u, ...usable } = tlsOptions;
      settings.tlsOptions = usable;
    } else delete settings.tlsOptions;
    return settings;
  }

  remove(id: string): Promise<boolean> {
    return this.mutate((list) => {
      if (!list.some((p) => p.id === id)) return { list, result: false };
      return { list: list.filter((p) => p.id !== id), result: true, change: { id, kind: 'removed' } };
    });
  }

  /** Runs one change at a time: read current list, compute, persist, then announce. */
  private mutate<R>(
    fn: (list: SavedProfile[]) => { list: SavedProfile[]; result: R; change?: ProfileChange },
  ): Promise<R> {
    const run = async (): Promise<R> => {
      const current = await this.load();
      const { list, result, change } = fn(current);
      if (!change) return structuredClone(result);
      await this.persist(list);
      this.profiles = list;
      // The change is saved: a failing listener must not turn it into an error for the caller.
      for (const l of this.listeners) {
        try {
          l(change);
        } catch (err) {
          console.error('connection change listener failed:', err);
        }
      }
      this.deps.events.emit('connections.changed', { connections: list.map(redactProfile) });
      return structuredClone(result);
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private load(): Promise<SavedProfile[]> {
    if (this.profiles) return Promise.resolve(this.profiles);
    this.loading ??= this.readFromDisk().then((list) => {
      this.profiles = list;
      return list;
    });
    return this.loading;
  }

  private async readFromDisk(): Promise<SavedProfile[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    let parsed: z.output<typeof StoredFileSchema>;
    try {
      parsed = StoredFileSchema.parse(JSON.parse(text));
    } catch (e) {
      await this.setAside('move', `the file is not valid (${(e as Error).message.split('\n')[0]})`);
      return [];
    }
    const profiles: SavedProfile[] = [];
    let skipped = 0;
    let plaintext = false;
    for (const raw of parsed.connections) {
      const stored = StoredProfileSchema.safeParse(raw);
      if (!stored.success) {
        skipped++;
        continue;
      }
      plaintext ||= storedInPlainText(stored.data);
      profiles.push(fromStored(stored.data, this.deps.secrets, this.logger));
    }
    // Keep the readable profiles but preserve the original bytes of the others.
    if (skipped > 0) await this.setAside('copy', `${skipped} saved connection(s) could not be read`);
    // An older version stored a password as typed: encrypt it now rather than at the next edit.
    else if (plaintext)
      await this.persist(profiles).catch((e) => this.logger.warn(`Could not re-encrypt saved passwords: ${e}`));
    return profiles;
  }

  private async setAside(how: 'move' | 'copy', reason: string): Promise<void> {
    const aside = `${this.file}.corrupt-${this.now()}`;
    if (how === 'move') await rename(this.file, aside);
    else await copyFile(this.file, aside);
    this.problem = `Saved connections: ${reason}. The original file was kept as ${aside}.`;
    this.logger.warn(this.problem);
  }

  private async persist(list: SavedProfile[]): Promise<void> {
    await mkdir(this.deps.dataDir, { recursive: true });
    const body = { version: 1 as const, connections: list.map((p) => toStored(p, this.deps.secrets)) };
    // Owner-only: the file holds encrypted secrets (passwords, client keys).
    writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  }
}
