/**
 * Saved connection profiles in `<dataDir>/connections.json`.
 * - Writes are atomic (temp file + rename) and serialized, so the file is always whole.
 * - A file that cannot be read is moved aside (`connections.json.corrupt-<ts>`), never overwritten.
 * - SASL passwords are stored through the injected SecretStore, and are decrypted only for the
 *   connection pool: everything returned towards the contract (results, events) is redacted.
 * - A saved password that cannot be decrypted (keychain changed, written by the other mode) is
 *   kept as it was on disk until the user types a new one, never replaced by an empty one.
 * - A saved password is only reused for the address, TLS setting, mechanism and user it was
 *   saved for: changing any of them asks for the password again.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ConnectionProfileSchema,
  SaslSchema,
  type ConnectionInputSchema,
  type ConnectionProfile,
  type ConnectionUpdateInputSchema,
} from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';
import type { EventSink } from '../../contract/events.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import { silentLogger, type CoreLogger } from '../util/logger.js';
import { needsReencryption, SecretUnreadableError, type SecretStore } from './secret-store.js';

export type ConnectionSettings = z.output<typeof ConnectionInputSchema>;
/** Settings from an edit or a test: an empty SASL password means "the saved one". */
export type ConnectionUpdate = z.output<typeof ConnectionUpdateInputSchema>;
/**
 * A profile with its decrypted password: for the connection pool only, never for the contract.
 * When the saved secret could not be decrypted, `password` is '' and `unreadable` keeps the stored
 * form (written back as it was) with the reason.
 */
export type SavedProfile = Omit<ConnectionProfile, 'sasl'> & {
  sasl: (NonNullable<ConnectionSettings['sasl']> & { unreadable?: { stored: string; reason: string } }) | null;
};

/** What leaves the main process: whether a password is saved, never the password. */
export function redactProfile(p: SavedProfile): ConnectionProfile {
  const sasl = p.sasl
    ? {
        mechanism: p.sasl.mechanism,
        username: p.sasl.username,
        passwordSaved: p.sasl.password !== '',
        passwordProblem: p.sasl.unreadable
          ? `The saved password cannot be used here: ${p.sasl.unreadable.reason}. Enter it again.`
          : null,
      }
    : null;
  const { sasl: _omit, ...rest } = p;
  return { ...rest, sasl };
}

function passwordRequired(field: string): AppError {
  return new AppError('VALIDATION', 'Password is required', { field });
}

/** On disk the password is replaced by its encrypted form. */
const StoredProfileSchema = ConnectionProfileSchema.extend({
  sasl: SaslSchema.omit({ password: true }).extend({ passwordSecret: z.string() }).nullable(),
});
type StoredProfile = z.output<typeof StoredProfileSchema>;

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
      if (input.sasl && !input.sasl.password) throw passwordRequired('sasl.password');
      const t = this.now();
      const profile: SavedProfile = {
        id: this.newId(),
        name: input.name,
        bootstrapServers: [...input.bootstrapServers],
        tls: input.tls,
        sasl: input.sasl ? { ...input.sasl } : null,
        sandbox,
        createdAt: t,
        updatedAt: t,
      };
      return { list: [...list, profile], result: redactProfile(profile), change: { id: profile.id, kind: 'created' } };
    });
  }

  /** An empty SASL password keeps the saved one (the renderer never has it to send back). */
  update(id: string, input: ConnectionUpdate): Promise<ConnectionProfile> {
    return this.mutate((list) => {
      const old = list.find((p) => p.id === id);
      if (!old)
        throw new AppError('NOT_FOUND', 'This connection no longer exists. It may have been removed.', {
          detail: `id ${id}`,
        });
      const profile: SavedProfile = {
        ...old,
        name: input.name,
        bootstrapServers: [...input.bootstrapServers],
        tls: input.tls,
        sasl: input.sasl ? keepSasl(input, old, 'input.sasl.password') : null,
        // Keeps updatedAt strictly increasing so caches keyed on it always see the change.
        updatedAt: Math.max(this.now(), old.updatedAt + 1),
      };
      return {
        list: list.map((p) => (p.id === id ? profile : p)),
        result: redactProfile(profile),
        change: { id, kind: 'updated' },
      };
    });
  }

  /** Settings for connections.test: with `id`, an empty password means the saved one. */
  async settingsForTest(input: ConnectionUpdate, id?: string): Promise<ConnectionSettings> {
    if (!input.sasl || input.sasl.password) return input;
    const saved = id ? await this.require(id) : undefined;
    const { mechanism, username, password, unreadable } = keepSasl(input, saved, 'sasl.password');
    if (!password) {
      throw new AppError(
        'VALIDATION',
        `Enter the password: the saved one cannot be used here (${unreadable?.reason}).`,
        {
          field: 'sasl.password',
        },
      );
    }
    return { ...input, sasl: { mechanism, username, password } };
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
      for (const l of this.listeners) l(change);
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
      plaintext ||= stored.data.sasl !== null && needsReencryption(stored.data.sasl.passwordSecret);
      profiles.push(this.fromStored(stored.data));
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

  private fromStored(s: StoredProfile): SavedProfile {
    let sasl: SavedProfile['sasl'] = null;
    if (s.sasl) {
      const { mechanism, username, passwordSecret } = s.sasl;
      try {
        sasl = { mechanism, username, password: this.deps.secrets.decrypt(passwordSecret) };
      } catch (e) {
        // The keychain may have changed, or the other mode wrote it: keep it for that mode, ask here.
        const reason = e instanceof SecretUnreadableError ? e.message : 'it could not be decrypted';
        this.logger.warn(`Could not decrypt the saved password of connection "${s.name}": ${reason}`);
        sasl = { mechanism, username, password: '', unreadable: { stored: passwordSecret, reason } };
      }
    }
    return { ...s, sasl };
  }

  private toStored(p: SavedProfile): StoredProfile {
    let sasl: StoredProfile['sasl'] = null;
    if (p.sasl) {
      const { mechanism, username, password, unreadable } = p.sasl;
      // Never replace a secret we could not read with an empty one.
      const passwordSecret = password === '' && unreadable ? unreadable.stored : this.deps.secrets.encrypt(password);
      sasl = { mechanism, username, passwordSecret };
    }
    return { ...p, sasl };
  }

  private async persist(list: SavedProfile[]): Promise<void> {
    await mkdir(this.deps.dataDir, { recursive: true });
    const body = { version: 1 as const, connections: list.map((p) => this.toStored(p)) };
    // Owner-only: the file holds encrypted SASL passwords.
    writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  }
}

/**
 * The SASL settings to save or try: the typed password, else the saved one, but only for the
 * same addresses, TLS setting, mechanism and user it was saved for (a saved password is never
 * sent anywhere else). An unreadable saved secret is carried along untouched until replaced.
 */
function keepSasl(
  input: ConnectionUpdate,
  saved: SavedProfile | undefined,
  field: string,
): NonNullable<SavedProfile['sasl']> {
  const typed = input.sasl!;
  if (typed.password) return { mechanism: typed.mechanism, username: typed.username, password: typed.password };
  const old = saved?.sasl;
  if (!old || !saved) throw passwordRequired(field);
  const sameTarget =
    sameSet(saved.bootstrapServers, input.bootstrapServers) &&
    saved.tls === input.tls &&
    old.mechanism === typed.mechanism &&
    old.username === typed.username;
  if (!sameTarget) {
    throw new AppError(
      'VALIDATION',
      'Enter the password again: the saved one is only used for the addresses, TLS setting, mechanism and user it was saved with.',
      { field },
    );
  }
  if (old.password) return { mechanism: typed.mechanism, username: typed.username, password: old.password };
  if (old.unreadable) {
    return { mechanism: typed.mechanism, username: typed.username, password: '', unreadable: old.unreadable };
  }
  throw passwordRequired(field);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const norm = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}
