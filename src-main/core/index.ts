/**
 * The core: the contract implemented on kafkajs. Hosts (Electron main, browser mode) inject
 * paths, events, secret storage and the sandbox manager; nothing here knows about Electron.
 */
import type { ApiImplementation, ValidParamsOf } from '../contract/methods.js';
import type { EventSink } from '../contract/events.js';
import { AppError } from '../contract/errors.js';
import { fetchMetadata } from './cluster/metadata.js';
import { toOverview } from './cluster/overview.js';
import { ConnectionPool, type ClusterConnection } from './connections/connection-pool.js';
import { testConnection } from './connections/test-connection.js';
import { toAppError, type ErrorContext } from './errors/map-kafka-error.js';
import { newestMessages } from './messages/newest.js';
import { produceOne } from './produce/send.js';
import { ProfileStore } from './profiles/profile-store.js';
import { identitySecretStore, type SecretStore } from './profiles/secret-store.js';
import type { SandboxController } from './sandbox/sandbox-controller.js';
import { requireTopic } from './topics/require-topic.js';
import { toDetail, toSummaries } from './topics/topics.js';
import { fetchWatermarks } from './topics/watermarks.js';
import { withDeadline } from './util/deadline.js';
import type { CoreLogger } from './util/logger.js';

export type { SecretStore } from './profiles/secret-store.js';
export { identitySecretStore } from './profiles/secret-store.js';
export type { SandboxController } from './sandbox/sandbox-controller.js';
export type { CoreLogger } from './util/logger.js';
export { ProfileStore } from './profiles/profile-store.js';

export interface CoreDeps {
  dataDir: string;
  events: EventSink;
  secrets?: SecretStore;
  sandbox: SandboxController;
  mode: 'electron' | 'browser';
  version: string;
  logger?: CoreLogger;
  now?: () => number;
}

export type Core = ApiImplementation & {
  /** Disconnects every Kafka client; the core can still answer later calls by reconnecting. */
  close(): Promise<void>;
  /** Set when saved connections could not be read at start and were moved aside. */
  profilesLoadProblem(): string | null;
};

/** A safety net above kafkajs's own timeouts: no call keeps the UI waiting longer than this. */
const CALL_DEADLINE_MS = 30_000;

export function createCore(deps: CoreDeps): Core {
  const profiles = new ProfileStore({
    dataDir: deps.dataDir,
    secrets: deps.secrets ?? identitySecretStore,
    events: deps.events,
    now: deps.now,
    logger: deps.logger,
  });
  const pool = new ConnectionPool(deps.logger);
  profiles.onChange((c) => {
    if (c.kind !== 'created') void pool.invalidate(c.id);
  });

  /** Runs `fn` on the saved connection's clients and words any failure for a person. */
  async function onCluster<T>(
    clusterId: string,
    ctx: ErrorContext,
    fn: (conn: ClusterConnection) => Promise<T>,
  ): Promise<T> {
    const profile = await profiles.require(clusterId);
    const conn = pool.get(profile);
    const fullCtx = { ...ctx, brokers: profile.bootstrapServers };
    try {
      return await withDeadline(
        fn(conn),
        CALL_DEADLINE_MS,
        () =>
          new AppError(
            'TIMEOUT',
            `The cluster at ${profile.bootstrapServers.join(', ')} did not answer within ${CALL_DEADLINE_MS / 1000} s.`,
          ),
      );
    } catch (e) {
      throw toAppError(e, fullCtx);
    }
  }

  const api: ApiImplementation = {
    'app.info': async () => {
      await profiles.list().catch(() => undefined); // loads the file, so a problem is known
      const problem = profiles.loadProblem;
      return { version: deps.version, mode: deps.mode, dataDir: deps.dataDir, notices: problem ? [problem] : [] };
    },

    'connections.list': () => profiles.list(),
    'connections.create': (input) =>
      // The host may mark its own sandbox profile (an extra field the renderer's schema strips).
      profiles.create(input, {
        sandbox: (input as ValidParamsOf<'connections.create'> & { sandbox?: unknown }).sandbox === true,
      }),
    'connections.update': ({ id, input }) => profiles.update(id, input),
    'connections.remove': async ({ id }) => ({ removed: await profiles.remove(id) }),
    'connections.test': async ({ id, ...input }) =>
      testConnection(await profiles.settingsForTest(input, id), deps.logger),

    'cluster.overview': ({ clusterId }) =>
      onCluster(clusterId, {}, async (c) => toOverview(await fetchMetadata(await c.cluster()))),

    'topics.list': ({ clusterId }) =>
      onCluster(clusterId, {}, async (c) => toSummaries((await fetchMetadata(await c.cluster())).topicMetadata)),
    'topics.get': ({ clusterId, topic }) =>
      onCluster(clusterId, { topic }, async (c) => {
        const cluster = await c.cluster();
        const t = await requireTopic(cluster, topic);
        return toDetail(t, await fetchWatermarks(cluster, t));
      }),

    'messages.newest': (params) =>
      onCluster(params.clusterId, { topic: params.topic, partition: params.partition ?? undefined }, async (c) =>
        newestMessages(await c.cluster(), params),
      ),

    'produce.send': (params) =>
      onCluster(params.clusterId, { topic: params.topic, partition: params.partition ?? undefined }, async (c) =>
        produceOne(await c.cluster(), () => c.producer(), params, deps.now),
      ),

    'sandbox.status': () => deps.sandbox.status(),
    'sandbox.start': ({ port }) => deps.sandbox.start(port),
    'sandbox.stop': () => deps.sandbox.stop(),
    'sandbox.reset': () => deps.sandbox.reset(),
    'sandbox.logs': () => deps.sandbox.logs(),
    'sandbox.loadSampleData': () => deps.sandbox.loadSampleData(),
  };

  return {
    ...api,
    close: () => pool.closeAll(),
    profilesLoadProblem: () => profiles.loadProblem,
  };
}
