/**
 * What every domain of the core shares: the saved profiles, the pool of live Kafka clients, the
 * sandbox broker's manager, and `onCluster`, which runs work on one saved connection with a
 * deadline and words any failure for a person.
 */
import { join } from 'node:path';
import { AppError } from '../contract/errors.js';
import type { EventSink } from '../contract/events.js';
import type { OpenExportTarget } from './messages/export.js';
import { ConnectionPool, type ClusterConnection } from './connections/connection-pool.js';
import { createHealthMonitor } from './connections/health.js';
import type { HealthMonitor } from './connections/health-monitor.js';
import { securityOf } from './connections/kafka-config.js';
import { mapKafkaError, type ErrorContext } from './errors/map-kafka-error.js';
import { ProfileStore, type SavedProfile } from './profiles/profile-store.js';
import { keyFileSecretStore } from './profiles/key-file-secrets.js';
import type { SecretStore } from './profiles/secret-store.js';
import { SandboxManager, type BrokerLaunch } from './sandbox/sandbox-manager.js';
import { withDeadline } from './util/deadline.js';
import { silentLogger, type CoreLogger } from './util/logger.js';

export interface CoreDeps {
  dataDir: string;
  events: EventSink;
  /** How secrets are kept at rest; default: a key file in the data folder (browser mode). */
  secrets?: SecretStore;
  /** How to start the bundled broker (a built JS file in the app, the TypeScript CLI in tests). */
  sandboxLaunch: BrokerLaunch;
  mode: 'electron' | 'browser';
  version: string;
  /** The built app's folder (main/, preload/, renderer/), where the build lists bundled licences. */
  buildDir?: string;
  logger?: CoreLogger;
  now?: () => number;
  /** Where exports are written: a save dialog (desktop app) or a download (browser mode). */
  openExportTarget?: OpenExportTarget;
}

export interface CoreContext {
  readonly deps: CoreDeps;
  readonly logger: CoreLogger;
  readonly secrets: SecretStore;
  readonly profiles: ProfileStore;
  readonly pool: ConnectionPool;
  readonly sandbox: SandboxManager;
  /** Whether each saved connection answers now (see connections/health-monitor.ts). */
  readonly health: HealthMonitor;
  /** Runs `fn` on the saved connection's clients; no call keeps the UI waiting past the deadline. */
  onCluster<T>(
    clusterId: string,
    errors: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** The same for a stream (a subscription): no deadline, it runs until `signal` aborts or it ends. */
  onStream(
    clusterId: string,
    errors: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void>;
}

/** A safety net above kafkajs's own timeouts. */
const CALL_DEADLINE_MS = 30_000;

export function createCoreContext(deps: CoreDeps): CoreContext {
  const logger = deps.logger ?? silentLogger;
  const secrets = deps.secrets ?? keyFileSecretStore(deps.dataDir);
  const profiles = new ProfileStore({
    dataDir: deps.dataDir,
    secrets,
    events: deps.events,
    now: deps.now,
    logger,
  });
  const pool = new ConnectionPool(logger);
  profiles.onChange((c) => {
    if (c.kind !== 'created') void pool.invalidate(c.id);
  });
  // The sandbox's status events also tell the health monitor, so its connection's state follows at once.
  let health: HealthMonitor | null = null;
  const sandbox = new SandboxManager({
    dataDir: join(deps.dataDir, 'sandbox'),
    launch: deps.sandboxLaunch,
    events: {
      emit(event, payload) {
        deps.events.emit(event, payload);
        if (event === 'sandbox.status') health?.sandboxChanged();
      },
    },
  });
  health = createHealthMonitor({ profiles, sandbox, assertUsable });

  async function onCluster<T>(
    clusterId: string,
    errors: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<T>,
    signal?: AbortSignal,
    deadlineMs: number | null = CALL_DEADLINE_MS,
  ): Promise<T> {
    signal?.throwIfAborted();
    const profile = await profiles.require(clusterId);
    assertUsable(profile);
    const conn = pool.get(profile);
    const brokers = profile.bootstrapServers.join(', ');
    try {
      if (deadlineMs === null) {
        const streamed = await fn(conn);
        health?.observe(clusterId, true);
        return streamed;
      }
      const result = await withDeadline(
        fn(conn),
        deadlineMs,
        () => new AppError('TIMEOUT', `The cluster at ${brokers} did not answer within ${deadlineMs / 1000} s.`),
        signal,
      );
      health?.observe(clusterId, true);
      return result;
    } catch (e) {
      const error = mapKafkaError(e, { ...errors, brokers: profile.bootstrapServers, security: securityOf(profile) });
      if (error.code === 'CONNECTION_FAILED' || error.code === 'TIMEOUT') health?.observe(clusterId, false);
      throw error;
    }
  }

  const onStream: CoreContext['onStream'] = (clusterId, errors, fn, signal) =>
    onCluster(clusterId, errors, fn, signal, null);

  return {
    deps,
    logger,
    secrets,
    profiles,
    pool,
    sandbox,
    health,
    onCluster: (id, e, fn, s) => onCluster(id, e, fn, s),
    onStream,
  };
}

/** A saved secret that cannot be decrypted here is asked for again, before any client tries without it. */
function assertUsable(profile: SavedProfile): void {
  if (profile.sasl?.unreadable && !profile.sasl.password) {
    throw new AppError(
      'AUTH_FAILED',
      `The saved password of "${profile.name}" cannot be used here: ${profile.sasl.unreadable.reason}. Edit the connection and enter it again.`,
    );
  }
  if (profile.tls && profile.tlsOptions?.unreadable && !profile.tlsOptions.clientKeyPem) {
    throw new AppError(
      'TLS_FAILED',
      `The saved private key of "${profile.name}" cannot be used here: ${profile.tlsOptions.unreadable.reason}. Edit the connection and choose the key file again.`,
    );
  }
}
