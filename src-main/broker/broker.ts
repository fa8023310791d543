/**
 * Starts the Samsa sandbox broker: a single-node, Kafka-protocol broker on one data directory.
 * Wires storage, topics, the group coordinator, the API modules and the TCP server together.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrokerContext, Logger, LogLevel } from './apis/context.js';
import { advertisedApis, routeTable } from './apis/registry.js';
import { GroupCoordinator, type GroupTopics } from './group/index.js';
import { LogManager } from './log/index.js';
import { ClientTopics } from './server/client-topics.js';
import { acquireLock, BrokerMeta } from './server/data-dir.js';
import { createRequestRouter } from './server/request-router.js';
import { DEFAULT_MAX_FRAME_BYTES } from './server/frame-reader.js';
import { TcpServer } from './server/tcp-server.js';
import { brokerConfigEntries, brokerStaticTopicDefaults, KAFKA_SEGMENT_BYTES } from './topics/broker-configs.js';
import { startMaintenance } from './topics/maintenance.js';
import { TopicManager } from './topics/topic-manager.js';
import { createTransactionCoordinator } from './txn/wiring.js';

export interface BrokerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 picks a free port. Default 9092. */
  port?: number;
  dataDir: string;
  /** Host put in Metadata responses (default: host, or 127.0.0.1 when listening on all interfaces). */
  advertisedHost?: string;
  autoCreateTopics?: boolean;
  defaultPartitions?: number;
  nodeId?: number;
  /** Kafka's default is 3000 ms; 0 lets a lone consumer start at once. */
  groupInitialRebalanceDelayMs?: number;
  /** Default segment.bytes for topics without an override (Kafka's 1 GiB). */
  segmentBytes?: number;
  /** group.consumer.heartbeat.interval.ms for KIP-848 consumer groups (Kafka's 5000). */
  groupConsumerHeartbeatIntervalMs?: number;
  /** group.consumer.session.timeout.ms for KIP-848 consumer groups (Kafka's 45000). */
  groupConsumerSessionTimeoutMs?: number;
  /** How often retention and compaction run (default 30 s). */
  maintenanceIntervalMs?: number;
  /** Idle connections are closed after this long (Kafka's connections.max.idle.ms, 10 minutes). */
  idleTimeoutMs?: number;
  /** Connections beyond this many are refused (default 1,000: a developer's machine, not a data centre). */
  maxConnections?: number;
  /** The process that started this broker (the app), recorded in the data folder's lock. */
  parentPid?: number;
  logger?: (level: LogLevel, msg: string) => void;
}

export interface RunningBroker {
  host: string;
  port: number;
  clusterId: string;
  dataDir: string;
  stop(): Promise<void>;
}

export class BrokerStartError extends Error {
  constructor(
    message: string,
    readonly code: 'EADDRINUSE' | 'LOCKED' | 'EACCES' | 'OTHER',
  ) {
    super(message);
    this.name = 'BrokerStartError';
  }
}

const defaultLogger: Logger = (level, msg) => {
  if (level === 'warn' || level === 'error') process.stderr.write(`[samsa-broker] ${level}: ${msg}\n`);
};

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const log = opts.logger ?? defaultLogger;
  const host = opts.host ?? '127.0.0.1';
  const nodeId = opts.nodeId ?? 1;
  const dataDir = path.resolve(opts.dataDir);
  const autoCreateTopics = opts.autoCreateTopics ?? true;
  const defaultPartitions = opts.defaultPartitions ?? 1;
  const groupDelay = opts.groupInitialRebalanceDelayMs ?? 0;
  const segmentBytes = opts.segmentBytes ?? KAFKA_SEGMENT_BYTES;
  const consumerHeartbeatIntervalMs = opts.groupConsumerHeartbeatIntervalMs ?? 5000;
  const consumerSessionTimeoutMs = opts.groupConsumerSessionTimeoutMs ?? 45_000;

  fs.mkdirSync(dataDir, { recursive: true });
  let releaseLock: () => void;
  try {
    releaseLock = acquireLock(dataDir, opts.parentPid ?? null);
  } catch (e) {
    throw new BrokerStartError((e as Error).message, (e as Error).name === 'DataDirLockedError' ? 'LOCKED' : 'OTHER');
  }

  const cleanups: Array<() => unknown> = [releaseLock];
  const undo = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        log('warn', `cleanup after failed start: ${(e as Error).message}`);
      }
    }
  };

  try {
    const meta = BrokerMeta.open(dataDir, (m) => log('error', m));
    // The coordinator assigns partitions of topics the topic manager (opened next) holds.
    const topicsRef: { current?: TopicManager } = {};
    const clientTopics = new ClientTopics();
    const groups = new GroupCoordinator({
      dataDir: path.join(dataDir, 'groups'),
      initialRebalanceDelayMs: groupDelay,
      consumerHeartbeatIntervalMs,
      consumerSessionTimeoutMs,
      topics: groupTopics(() => topicsRef.current),
      clientKnowsTopic: (clientId, host, topic) =>
        clientTopics.knows(clientId, host, topic, topicsRef.current?.get(topic) !== undefined),
      info: (m) => log('info', m),
    });
    cleanups.push(() => groups.close());
    const logs = new LogManager(path.join(dataDir, 'logs'));
    const topics = await TopicManager.open({
      dataDir,
      logs,
      brokerConfigs: brokerStaticTopicDefaults(segmentBytes),
      defaultPartitions,
      onTopicDeleted: (name) => groups.onTopicDeleted(name),
      warn: (m) => log('error', m),
      progress: (m) => log('info', m),
    });
    topicsRef.current = topics;
    cleanups.push(() => topics.close());
    const txns = createTransactionCoordinator(dataDir, meta, topics, groups, log);
    cleanups.push(() => txns.close());

    const shutdown = new AbortController();
    const address = {
      host: opts.advertisedHost ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host),
      port: opts.port ?? 9092,
    };
    let brokerConfigs: BrokerContext['brokerConfigs'] = [];
    const ctx: BrokerContext = {
      nodeId,
      clusterId: meta.clusterId,
      get advertisedHost() {
        return address.host;
      },
      get advertisedPort() {
        return address.port;
      },
      autoCreateTopics,
      topics,
      groups,
      txns,
      meta,
      apis: advertisedApis(),
      shutdown: shutdown.signal,
      log,
      get brokerConfigs() {
        return brokerConfigs;
      },
      clientTopics,
    };

    const server = new TcpServer(createRequestRouter(ctx, routeTable()), {
      maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
      maxQueuedRequests: 100,
      maxQueuedBytes: 200 * 1024 * 1024,
      idleTimeoutMs: opts.idleTimeoutMs ?? 600_000,
      maxConnections: opts.maxConnections ?? 1_000,
      log,
    });
    let bound: { host: string; port: number };
    try {
      bound = await server.listen(host, opts.port ?? 9092);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE')
        throw new BrokerStartError(`port ${opts.port} on ${host} is already in use`, 'EADDRINUSE');
      if (err.code === 'EACCES')
        throw new BrokerStartError(`no permission to listen on ${host}:${opts.port}`, 'EACCES');
      throw e;
    }
    address.port = bound.port;
    brokerConfigs = brokerConfigEntries({
      nodeId,
      host,
      port: bound.port,
      advertisedHost: address.host,
      dataDir,
      defaultPartitions,
      autoCreateTopics,
      groupInitialRebalanceDelayMs: groupDelay,
      segmentBytes,
      consumerHeartbeatIntervalMs,
      consumerSessionTimeoutMs,
    });
    const stopMaintenance = startMaintenance(topics, opts.maintenanceIntervalMs ?? 30_000, log);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        stopMaintenance();
        shutdown.abort(); // long polls answer now
        await new Promise((r) => setImmediate(r));
        await server.close();
        await undo();
        log('info', 'broker stopped');
      })());

    return { host: bound.host, port: bound.port, clusterId: meta.clusterId, dataDir, stop };
  } catch (e) {
    await undo();
    throw e;
  }
}

/** The topics as the group coordinator sees them (ids in hex), over a topic manager opened later. */
function groupTopics(manager: () => TopicManager | undefined): GroupTopics {
  const view = (t: { name: string; id: Buffer; partitions: unknown[] } | undefined) =>
    t && { name: t.name, id: t.id.toString('hex'), partitions: t.partitions.length };
  return {
    byName: (name) => view(manager()?.get(name)),
    byId: (id) => view(manager()?.getById(Buffer.from(id, 'hex'))),
    *all() {
      for (const t of manager()?.all() ?? []) yield view(t)!;
    },
  };
}
