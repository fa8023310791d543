/**
 * Knows, for every saved connection, whether its cluster answers right now, so no screen shows
 * cached data as if it were live. Checks are cheap (one metadata round trip on a kept connection,
 * or just the sandbox's own state) and run only while someone watches: every 30 s for a cluster
 * that answers, every 15 s for one that does not, and at once when something suggests a change
 * (a connection saved, the sandbox started or stopped, a call that failed to reach the cluster).
 * Watchers get each connection's health first, then every change of state, brokers or problem.
 */
import type { ConnectionHealth } from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';

export interface HealthTarget {
  id: string;
  /** The bundled sandbox's own connection: its state is known without asking the network. */
  sandbox: boolean;
}

export interface HealthMonitorDeps {
  /** The saved connections to watch. */
  list(): Promise<HealthTarget[]>;
  /** One round trip to the cluster: its broker count, or an AppError that says why not. */
  probe(id: string): Promise<{ brokerCount: number }>;
  /** Why the sandbox cannot answer (stopped, starting, failed), or null while it runs. */
  sandboxDown(): Promise<AppError | null>;
  /** Forget any client kept for this connection (its settings changed or it was removed). */
  forget?(id: string): void;
  /** Disconnect every kept client (the app closes). */
  closeClients?(): void;
  now?: () => number;
  onlineEveryMs?: number;
  offlineEveryMs?: number;
  /** Checks that may run at the same time, so many saved connections never make a burst. */
  maxConcurrent?: number;
}

type Listener = (health: ConnectionHealth) => void;

interface Entry {
  target: HealthTarget;
  health: ConnectionHealth;
  timer: NodeJS.Timeout | null;
  running: Promise<ConnectionHealth> | null;
  /** Set when a check was asked for while one ran: the answer may already be out of date. */
  again: boolean;
}

const ONLINE_EVERY_MS = 30_000;
const OFFLINE_EVERY_MS = 15_000;
/** A failed call right after a check does not trigger another one. */
const RECHECK_GAP_MS = 2_000;

export class HealthMonitor {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<Listener>();
  private started: Promise<void> | null = null;
  private slots: number;
  private readonly waiting: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly deps: HealthMonitorDeps) {
    this.now = deps.now ?? Date.now;
    this.slots = deps.maxConcurrent ?? 4;
  }

  /**
   * Calls `listener` with the health of every saved connection, then with each change, until the
   * returned function is called. The first watcher starts the checks; the last one to leave stops them.
   */
  async watch(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    this.started ??= this.start();
    await this.started;
    if (this.listeners.has(listener)) for (const e of this.entries.values()) listener(e.health);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Checks one connection now; a check already under way is shared. */
  async check(id: string): Promise<ConnectionHealth> {
    let entry = this.entries.get(id);
    if (!entry) {
      const target = (await this.deps.list()).find((t) => t.id === id);
      if (!target) throw new AppError('NOT_FOUND', 'This connection no longer exists. It may have been removed.');
      entry = this.entries.get(id) ?? this.add(target);
    }
    return this.run(entry);
  }

  /** A saved connection was created, changed or removed. */
  profileChanged(change: { id: string; kind: 'created' | 'updated' | 'removed' }): void {
    const entry = this.entries.get(change.id);
    if (change.kind === 'removed') {
      if (entry?.timer) clearTimeout(entry.timer);
      this.entries.delete(change.id);
      this.deps.forget?.(change.id);
      return;
    }
    if (change.kind === 'updated') this.deps.forget?.(change.id);
    if (!this.watching()) return;
    if (entry) {
      this.requestCheck(entry);
      return;
    }
    void this.deps.list().then((targets) => {
      const target = targets.find((t) => t.id === change.id);
      if (target && this.watching() && !this.entries.has(target.id)) this.requestCheck(this.add(target));
    });
  }

  /** The sandbox started, stopped or failed: its connection's health follows at once. */
  sandboxChanged(): void {
    if (!this.watching()) return;
    for (const e of this.entries.values()) if (e.target.sandbox) this.requestCheck(e);
  }

  /**
   * What a call on the cluster just found out: an answer proves it online; a failure to reach it
   * makes us check (one slow call is not proof that the cluster is gone).
   */
  observe(id: string, reached: boolean): void {
    const entry = this.entries.get(id);
    if (!entry || !this.watching()) return;
    if (reached) {
      if (entry.health.state !== 'online' && !entry.running) this.requestCheck(entry);
      else entry.health = { ...entry.health, lastOnlineAt: this.now() };
      return;
    }
    const last = entry.health.checkedAt ?? 0;
    if (!entry.running && this.now() - last >= RECHECK_GAP_MS) this.requestCheck(entry);
  }

  close(): void {
    this.listeners.clear();
    this.stop();
    this.deps.closeClients?.();
  }

  private watching(): boolean {
    return this.listeners.size > 0;
  }

  private async start(): Promise<void> {
    for (const target of await this.deps.list()) if (!this.entries.has(target.id)) this.add(target);
    const stale = this.now() - (this.deps.offlineEveryMs ?? OFFLINE_EVERY_MS);
    for (const e of this.entries.values()) {
      // Nobody watched for a while: say "checking" rather than repeat an old answer as current.
      if ((e.health.checkedAt ?? 0) < stale) e.health = { ...e.health, state: 'checking' };
      this.requestCheck(e);
    }
  }

  private stop(): void {
    for (const e of this.entries.values()) {
      if (e.timer) clearTimeout(e.timer);
      e.timer = null;
    }
    this.started = null;
  }

  private add(target: HealthTarget): Entry {
    const entry: Entry = {
      target,
      health: {
        id: target.id,
        state: 'checking',
        checkedAt: null,
        lastOnlineAt: null,
        brokerCount: null,
        problem: null,
      },
      timer: null,
      running: null,
      again: false,
    };
    this.entries.set(target.id, entry);
    return entry;
  }

  private requestCheck(entry: Entry): void {
    if (entry.running) entry.again = true;
    else void this.run(entry);
  }

  private run(entry: Entry): Promise<ConnectionHealth> {
    if (entry.running) return entry.running;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.running = this.measure(entry).finally(() => {
      entry.running = null;
      if (this.entries.get(entry.target.id) !== entry) return;
      if (entry.again) {
        entry.again = false;
        void this.run(entry);
      } else if (this.watching()) {
        const every =
          entry.health.state === 'online'
            ? (this.deps.onlineEveryMs ?? ONLINE_EVERY_MS)
            : (this.deps.offlineEveryMs ?? OFFLINE_EVERY_MS);
        entry.timer = setTimeout(() => void this.run(entry), every);
        entry.timer.unref?.();
      }
    });
    return entry.running;
  }

  private async measure(entry: Entry): Promise<ConnectionHealth> {
    await this.acquire();
    let next: ConnectionHealth;
    try {
      const down = entry.target.sandbox ? await this.deps.sandboxDown() : null;
      if (down) throw down;
      const { brokerCount } = await this.deps.probe(entry.target.id);
      const at = this.now();
      next = { ...entry.health, state: 'online', checkedAt: at, lastOnlineAt: at, brokerCount, problem: null };
    } catch (e) {
      const error =
        e instanceof AppError ? e : new AppError('INTERNAL', `Could not check the connection: ${String(e)}`);
      next = { ...entry.health, state: 'offline', checkedAt: this.now(), problem: error.toData() };
    } finally {
      this.release();
    }
    const before = entry.health;
    entry.health = next;
    if (this.entries.get(entry.target.id) === entry && changed(before, next)) {
      for (const l of this.listeners) l(next);
    }
    return next;
  }

  private async acquire(): Promise<void> {
    if (this.slots > 0) {
      this.slots--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.slots++;
  }
}

/** Watchers hear about what they show: state, brokers, problem; not every successful check. */
function changed(a: ConnectionHealth, b: ConnectionHealth): boolean {
  return (
    a.state !== b.state ||
    a.brokerCount !== b.brokerCount ||
    a.problem?.code !== b.problem?.code ||
    a.problem?.message !== b.problem?.message
  );
}
