/**
 * Broker-level configs reported by DescribeConfigs on the broker resource. Values the sandbox sets
 * itself are STATIC_BROKER_CONFIG; the rest are Kafka's defaults.
 */
import { ConfigSource, type ConfigType } from './config-defs.js';

export interface BrokerConfigEntry {
  name: string;
  value: string | null;
  source: number;
  type: ConfigType;
}

export interface BrokerConfigInput {
  nodeId: number;
  host: string;
  port: number;
  advertisedHost: string;
  dataDir: string;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  groupInitialRebalanceDelayMs: number;
  segmentBytes: number;
}

/** Sandbox default for new segments: smaller than Kafka's 1 GiB so a laptop's disk is not eaten. */
export const SANDBOX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** The broker values topic configs fall back to (synonyms), when they differ from Kafka's defaults. */
export function brokerStaticTopicDefaults(segmentBytes: number): Map<string, string> {
  return new Map([['log.segment.bytes', String(segmentBytes)]]);
}

export function brokerConfigEntries(i: BrokerConfigInput): BrokerConfigEntry[] {
  const S = ConfigSource.STATIC_BROKER_CONFIG;
  const D = ConfigSource.DEFAULT_CONFIG;
  const rows: Array<[string, string | null, number, ConfigType]> = [
    ['node.id', String(i.nodeId), S, 'int'],
    ['broker.id', String(i.nodeId), S, 'int'],
    ['process.roles', 'broker,controller', S, 'list'],
    ['listeners', `PLAINTEXT://${i.host}:${i.port}`, S, 'string'],
    ['advertised.listeners', `PLAINTEXT://${i.advertisedHost}:${i.port}`, S, 'string'],
    ['log.dirs', i.dataDir, S, 'string'],
    ['num.partitions', String(i.defaultPartitions), i.defaultPartitions === 1 ? D : S, 'int'],
    ['auto.create.topics.enable', String(i.autoCreateTopics), i.autoCreateTopics ? D : S, 'boolean'],
    [
      'group.initial.rebalance.delay.ms',
      String(i.groupInitialRebalanceDelayMs),
      i.groupInitialRebalanceDelayMs === 3000 ? D : S,
      'int',
    ],
    ['log.segment.bytes', String(i.segmentBytes), i.segmentBytes === 1073741824 ? D : S, 'int'],
    ['default.replication.factor', '1', D, 'int'],
    ['offsets.topic.replication.factor', '1', S, 'short'],
    ['transaction.state.log.replication.factor', '1', S, 'short'],
    ['min.insync.replicas', '1', D, 'int'],
    ['message.max.bytes', '1048588', D, 'int'],
    ['log.cleanup.policy', 'delete', D, 'list'],
    ['log.retention.hours', '168', D, 'int'],
    ['log.retention.ms', null, D, 'long'],
    ['log.retention.bytes', '-1', D, 'long'],
    ['log.retention.check.interval.ms', '300000', D, 'long'],
    ['log.roll.hours', '168', D, 'int'],
    ['log.cleaner.enable', 'true', D, 'boolean'],
    ['log.cleaner.delete.retention.ms', '86400000', D, 'long'],
    ['log.cleaner.min.cleanable.ratio', '0.5', D, 'double'],
    ['log.message.timestamp.type', 'CreateTime', D, 'string'],
    ['compression.type', 'producer', D, 'string'],
    ['delete.topic.enable', 'true', D, 'boolean'],
    ['offsets.retention.minutes', '10080', D, 'int'],
    ['group.min.session.timeout.ms', '6000', D, 'int'],
    ['group.max.session.timeout.ms', '1800000', D, 'int'],
    ['socket.request.max.bytes', '104857600', D, 'int'],
    ['unclean.leader.election.enable', 'false', D, 'boolean'],
  ];
  return rows.map(([name, value, source, type]) => ({ name, value, source, type }));
}
