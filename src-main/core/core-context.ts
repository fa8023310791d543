/**
 * What every domain of the core shares: the saved profiles, the pool of live Kafka clients, the
 * sandbox broker's manager, and `onCluster`, which runs work on one saved connection with a
 * deadline and words any failure for a person.
 */
import { join } from 'node:path';
import { AppError } from '../contract/errors.js';
import type { EventSink } from '../contract/events.js';
import { ConnectionPool, type ClusterConnection } from './connections/connection-pool.js';
import { securityOf } from './connections/kafka-config.js';
import { mapKafkaError, type ErrorContext } from './errors/map-kafka-error.js';
import { ProfileStore } from './profiles/profile-store.js';
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
}

export interface CoreContext {
  readonly deps: CoreDeps;
  readonly logger: CoreLogger;
  readonly secrets: SecretStore;
  readonly profiles: ProfileStore;
  readonly pool: ConnectionPool;
  readonly sandbox: SandboxManager;
  /** Runs `fn` on the saved connection's clients; no call keeps the UI waiting past the deadline. */
  onCluster<T>(
    clusterId: string,
    errors: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
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
  const sandbox = new SandboxManager({
    dataDir: join(deps.dataDir, 'sandbox'),
    launch: deps.sandboxLaunch,
    events: deps.events,
  });

  async function onCluster<T>(
    clusterId: string,
    errors: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    const profile = await profiles.require(clusterId);
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
    const conn = pool.get(profile);
    const brokers = profile.bootstrapServers.join(', ');
    try {
      return await withDeadline(
        fn(conn),
        CALL_DEADLINE_MS,
        () => new AppError('TIMEOUT', `The cluster at ${brokers} did not answer within ${CALL_DEADLINE_MS / 1000} s.`),
        signal,
      );
    } catch (e) {
      throw mapKafkaError(e, { ...errors, brokers: profile.bootstrapServers, security: securityOf(profile) });
    }
  }

  return { deps, logger, secrets, profiles, pool, sandbox, onCluster };
}
