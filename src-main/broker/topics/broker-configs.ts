/**
 * Broker-level configs reported by DescribeConfigs on the broker resource: Kafka 4.1's full set
 * (broker-config-defs.ts) at Kafka's defaults, with the sandbox's own settings laid over them as
 * STATIC_BROKER_CONFIG, as a single-node Kafka started with a server.properties would show them.
 */
import { KAFKA_BROKER_CONFIGS } from './broker-config-defs.js';
import { ConfigSource, type ConfigType } from './config-defs.js';
import type { ConfigSynonym } from './topic-config.js';

export interface BrokerConfigEntry {
  name: string;
  /** null for sensitive configs and for configs Kafka has no value for. */
  value: string | null;
  source: number;
  type: ConfigType;
  readOnly: boolean;
  sensitive: boolean;
  /** Most specific first: the sandbox's setting (if any), then Kafka's default (if it has one). */
  synonyms: ConfigSynonym[];
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
  /** Settings of the consumer group coordinator (KIP-848) the sandbox runs with. */
  consumerHeartbeatIntervalMs: number;
  consumerSessionTimeoutMs: number;
}

/** Kafka's log.segment.bytes default; the sandbox uses it unless told otherwise. */
export const KAFKA_SEGMENT_BYTES = 1024 * 1024 * 1024;

/**
 * Cluster-wide dynamic defaults a fresh Kafka 4.1 cluster reports: its storage format writes
 * min.insync.replicas for eligible leader replicas (KIP-966), so topics and the broker show it as
 * DYNAMIC_DEFAULT_BROKER_CONFIG.
 */
export const CLUSTER_DYNAMIC_DEFAULTS: ReadonlyMap<string, string> = new Map([['min.insync.replicas', '1']]);

/** The broker values topic configs fall back to (synonyms), when they differ from Kafka's defaults. */
export function brokerStaticTopicDefaults(segmentBytes: number): Map<string, string> {
  return segmentBytes === KAFKA_SEGMENT_BYTES ? new Map() : new Map([['log.segment.bytes', String(segmentBytes)]]);
}

/** What the sandbox sets, as a server.properties for a single-node Kafka would. */
function sandboxSettings(i: BrokerConfigInput): Map<string, string> {
  const s = new Map<string, string>([
    ['node.id', String(i.nodeId)],
    ['broker.id', String(i.nodeId)],
    ['process.roles', 'broker,controller'],
    ['listeners', `PLAINTEXT://${i.host}:${i.port}`],
    ['advertised.listeners', `PLAINTEXT://${i.advertisedHost}:${i.port}`],
    ['log.dirs', i.dataDir],
    ['num.partitions', String(i.defaultPartitions)],
    ['auto.create.topics.enable', String(i.autoCreateTopics)],
    ['group.initial.rebalance.delay.ms', String(i.groupInitialRebalanceDelayMs)],
    // One broker: every internal topic has one replica.
    ['offsets.topic.replication.factor', '1'],
    ['transaction.state.log.replication.factor', '1'],
    ['transaction.state.log.min.isr', '1'],
    ['share.coordinator.state.topic.replication.factor', '1'],
    ['share.coordinator.state.topic.min.isr', '1'],
  ]);
  if (i.segmentBytes !== KAFKA_SEGMENT_BYTES) s.set('log.segment.bytes', String(i.segmentBytes));
  s.set('group.consumer.heartbeat.interval.ms', String(i.consumerHeartbeatIntervalMs));
  s.set('group.consumer.session.timeout.ms', String(i.consumerSessionTimeoutMs));
  return s;
}

export function brokerConfigEntries(i: BrokerConfigInput): BrokerConfigEntry[] {
  const settings = sandboxSettings(i);
  return KAFKA_BROKER_CONFIGS.map(([name, type, defaultValue, flags]) => {
    const sensitive = flags.includes('s');
    const synonyms: ConfigSynonym[] = [];
    const dynamicDefault = CLUSTER_DYNAMIC_DEFAULTS.get(name);
    const set = settings.get(name);
    // A setting equal to Kafka's default is still a setting (Kafka reports what server.properties says),
    // except for the consumer group timeouts, which the sandbox only overrides when asked to.
    const isSet = set !== undefined && !(name.startsWith('group.consumer.') && set === defaultValue);
    if (dynamicDefault !== undefined)
      synonyms.push({ name, value: dynamicDefault, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
    if (isSet) synonyms.push({ name, value: set, source: ConfigSource.STATIC_BROKER_CONFIG });
    if (defaultValue !== null) synonyms.push({ name, value: defaultValue, source: ConfigSource.DEFAULT_CONFIG });
    const top = synonyms[0] ?? { value: null, source: ConfigSource.DEFAULT_CONFIG };
    const hide = (s: ConfigSynonym) => (sensitive ? { ...s, value: null } : s);
    return {
      name,
      value: sensitive ? null : top.value,
      source: top.source,
      type,
      readOnly: flags.includes('r'),
      sensitive,
      synonyms: synonyms.map(hide),
    };
  });
}
