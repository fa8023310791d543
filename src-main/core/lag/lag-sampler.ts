/**
 * The lag sampler: starts with the core and samples every connected cluster on the interval
 * setting (1–60 s, default 5): the sandbox while it runs, every cluster the person has opened (in
 * this run or an earlier one). Owns the history store and its upkeep (packing, retention, cap).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../contract/errors.js';
import type { LagSettings, LagStoreInfo } from '../../contract/groups.js';
import type { ClusterConnection } from '../connections/connection-pool.js';
import type { CoreContext } from '../core-context.js';
import type { GroupsGateway } from '../groups/gateway.js';
import { ClusterSampler } from './cluster-sampler.js';
import { LagHistory } from './lag-history.js';
import { DAY, MINUTE } from './tiers.js';

export const DEFAULT_SETTINGS: LagSettings = { sampleIntervalSeconds: 5, sizeCapMb: 200 };
/** Samples younger than this stay rows; older ones are packed into chunks. */
const PACK_AFTER_MS = 15 * MINUTE;
const PACK_EVERY_MS = 15 * MINUTE;
const LIMITS_EVERY_MS = 60 * MINUTE;

export interface LagSamplerOptions {
  core: CoreContext;
  gateway: (conn: ClusterConnection) => GroupsGateway;
  now?: () => number;
  /** Tests start loops themselves. */
  autoStart?: boolean;
}

/** Another process holding the store records history; this one only reads it. */
function takeWriterLock(lockPath: string): boolean {
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    let alive: boolean;
    if (pid === process.pid) alive = true;
    else {
      try {
        process.kill(pid, 0); // signal 0: only asks whether the process exists
        alive = pid > 0;
      } catch {
        alive = false;
      }
    }
    if (alive) return false;
    writeFileSync(lockPath, String(process.pid)); // stale: its process is gone
    return true;
  }
}

export class LagSampler {
  readonly history: LagHistory | null;
  readonly notice: string | null;
  private settings: LagSettings;
  private readonly samplers = new Map<string, { sampler: ClusterSampler; stop: AbortController }>();
  private readonly gateways = new WeakMap<ClusterConnection, GroupsGateway>();
  private readonly lockPath: string;
  private readonly ownsLock: boolean;
  private upkeep: AbortController | null = null;
  private closed = false;
  readonly now: () => number;

  constructor(private readonly opts: LagSamplerOptions) {
    this.now = opts.now ?? Date.now;
    const { dataDir, logger } = opts.core.deps;
    const path = join(dataDir, 'lag-history.sqlite');
    this.lockPath = join(dataDir, 'lag-history.lock');
    mkdirSync(dataDir, { recursive: true });
    this.ownsLock = takeWriterLock(this.lockPath);
    let history: LagHistory | null = null;
    let notice: string | null;
    try {
      history = new LagHistory(path, !this.ownsLock);
      notice = history.problem;
      if (!this.ownsLock)
        notice = 'Another Samsa window records lag history; this one shows it but does not add to it.';
    } catch (e) {
      logger?.error(`Lag history unavailable: ${(e as Error).message}`);
      notice = `Lag history is unavailable: ${(e as Error).message}`;
    }
    this.history = history;
    this.notice = notice;
    this.settings = this.loadSettings();
  }

  private loadSettings(): LagSettings {
    const raw = this.history?.setting('settings');
    if (!raw) return { ...DEFAULT_SETTINGS };
    try {
      return { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<LagSettings>) };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  get intervalMs(): number {
    return this.settings.sampleIntervalSeconds * 1000;
  }

  /** Resumes clusters sampled before, follows the sandbox and newly opened connections. */
  start(): void {
    const { core } = this.opts;
    for (const id of this.history?.sampledClusters() ?? []) void this.resume(id);
    // Every cluster the person connects to is sampled from then on.
    core.pool.onOpen((id) => {
      if (!this.closed) this.activate(id);
    });
    core.profiles.onChange((c) => {
      if (c.kind === 'removed') this.forget(c.id);
    });
    void core.profiles.list().then((list) => {
      for (const p of list) if (p.sandbox) this.activate(p.id);
    });
    this.upkeep = new AbortController();
    void this.upkeepLoop(this.upkeep.signal);
  }

  private async resume(id: string) {
    try {
      await this.opts.core.profiles.require(id);
      this.activate(id);
    } catch {
      /* the connection was removed while Samsa was closed */
    }
  }

  /** The sampler of a cluster, started if needed. */
  activate(clusterId: string): ClusterSampler {
    const existing = this.samplers.get(clusterId);
    if (existing) return existing.sampler;
    if (this.closed) throw new AppError('INTERNAL', 'Samsa is shutting down.');
    const sampler = new ClusterSampler({
      clusterId,
      history: this.history,
      now: this.now,
      intervalMs: () => this.intervalMs,
      withGateway: (fn, signal) => this.opts.core.onCluster(clusterId, {}, (conn) => fn(this.gatewayFor(conn)), signal),
      logger: this.opts.core.logger,
    });
    const stop = new AbortController();
    this.samplers.set(clusterId, { sampler, stop });
    if (this.opts.autoStart !== false) void this.loop(sampler, stop.signal);
    return sampler;
  }

  get(clusterId: string): ClusterSampler | undefined {
    return this.samplers.get(clusterId)?.sampler;
  }

  gatewayFor(conn: ClusterConnection): GroupsGateway {
    let gw = this.gateways.get(conn);
    if (!gw) this.gateways.set(conn, (gw = this.opts.gateway(conn)));
    return gw;
  }

  /** Why a cluster is not sampled now, or null: the sandbox's connection only while the sandbox runs. */
  private async notSampledBecause(clusterId: string): Promise<string | null> {
    const profile = await this.opts.core.profiles.require(clusterId).catch(() => null);
    if (!profile) return 'The connection was removed.';
    if (profile.sandbox && this.opts.core.sandbox.bootstrap === null) {
      return 'The sandbox is not running: start it on the Sandbox page to see live lag. The history recorded so far is below.';
    }
    return null;
  }

  /** One sample now (or the reason there is none); failures are recorded by the sampler. */
  async sampleNow(sampler: ClusterSampler, signal?: AbortSignal): Promise<void> {
    const reason = await this.notSampledBecause(sampler.clusterId);
    if (reason) sampler.idle(reason);
    else await sampler.tick(signal).catch(() => undefined);
  }

  private async loop(sampler: ClusterSampler, signal: AbortSignal) {
    while (!signal.aborted) {
      const started = this.now();
      await this.sampleNow(sampler, signal);
      const wait = Math.max(200, this.intervalMs - (this.now() - started));
      await sleep(wait, undefined, { signal, ref: false }).catch(() => undefined);
    }
  }

  private forget(clusterId: string) {
    this.samplers.get(clusterId)?.stop.abort();
    this.samplers.delete(clusterId);
    // A connection removed while the app shuts down: the history database is already closed.
    if (this.closed) return;
    this.history?.deleteCluster(clusterId);
  }

  /** Packing every 15 minutes, retention and the cap every hour (and at start). */
  private async upkeepLoop(signal: AbortSignal) {
    let lastLimits = 0;
    while (!signal.aborted) {
      const now = this.now();
      try {
        this.history?.compact(Math.floor((now - PACK_AFTER_MS) / MINUTE) * MINUTE);
        if (now - lastLimits >= LIMITS_EVERY_MS) {
          this.history?.enforceLimits(now, this.settings.sizeCapMb * 1024 * 1024);
          lastLimits = now;
        }
      } catch (e) {
        this.opts.core.logger.warn(`Lag history upkeep failed: ${(e as Error).message}`);
      }
      await sleep(PACK_EVERY_MS, undefined, { signal, ref: false }).catch(() => undefined);
    }
  }

  storeInfo(): LagStoreInfo {
    const h = this.history;
    let bytesPerDay: number | null = null;
    let oldest: number | null = null;
    if (h) {
      const since = this.now() - DAY;
      const row = h.db
        .prepare(
          `SELECT (SELECT COALESCE(SUM(length(data)),0) FROM chunks WHERE start_t>=?) AS packed,
                  (SELECT COUNT(*) FROM samples) AS rows,
                  (SELECT MIN(start_t) FROM chunks) AS oldestChunk,
                  (SELECT MIN(t) FROM samples) AS oldestRow,
                  (SELECT MIN(start_t) FROM runs) AS firstRun`,
        )
        .get(since) as {
        packed: number;
        rows: number;
        oldestChunk: number | null;
        oldestRow: number | null;
        firstRun: number | null;
      };
      oldest = [row.oldestChunk, row.oldestRow]
        .filter((x): x is number => x !== null)
        .reduce((a, b) => Math.min(a, b), Infinity);
      if (!Number.isFinite(oldest)) oldest = null;
      // Rows not yet packed count at their packed size, about 4 bytes a point (three tiers).
      const recorded = row.firstRun === null ? 0 : Math.min(DAY, this.now() - row.firstRun);
      if (recorded > 10 * MINUTE) bytesPerDay = Math.round(((row.packed + row.rows * 5) * DAY) / recorded);
    }
    return {
      settings: { ...this.settings },
      path: h?.path ?? '',
      sizeBytes: h?.sizeBytes() ?? 0,
      bytesPerDay,
      oldestPoint: oldest,
      notice: this.notice,
    };
  }

  updateSettings(patch: Partial<LagSettings>): LagStoreInfo {
    if (!this.history || this.history.readOnly) {
      throw new AppError('VALIDATION', this.notice ?? 'Lag history is unavailable, so its settings cannot change.');
    }
    this.settings = { ...this.settings, ...patch };
    this.history.setSetting('settings', JSON.stringify(this.settings));
    if (patch.sizeCapMb !== undefined) this.history.enforceLimits(this.now(), this.settings.sizeCapMb * 1024 * 1024);
    return this.storeInfo();
  }

  close(): void {
    this.closed = true;
    this.upkeep?.abort();
    for (const { stop } of this.samplers.values()) stop.abort();
    this.samplers.clear();
    this.history?.close();
    if (this.ownsLock) rmSync(this.lockPath, { force: true });
  }
}
