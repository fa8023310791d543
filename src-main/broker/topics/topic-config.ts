/**
 * Effective topic configuration: topic override, else the broker's static value, else Kafka's default.
 * Also turns the effective values into the storage layer's LogConfig.
 */
import { CLUSTER_DYNAMIC_DEFAULTS } from './broker-configs.js';
import { ConfigSource, TOPIC_CONFIGS, type ConfigDef } from './config-defs.js';

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: number;
}

export interface ResolvedConfig {
  def: ConfigDef;
  value: string;
  source: number;
  /** Most specific first, as DescribeConfigs v1+ lists them. */
  synonyms: ConfigSynonym[];
}

/** Broker-level values that differ from Kafka's defaults (reported as STATIC_BROKER_CONFIG). */
export type BrokerStaticConfigs = ReadonlyMap<string, string>;

export function resolveTopicConfig(
  def: ConfigDef,
  overrides: Readonly<Record<string, string>>,
  broker: BrokerStaticConfigs,
): ResolvedConfig {
  const synonyms: ConfigSynonym[] = [];
  const override = Object.hasOwn(overrides, def.name) ? overrides[def.name] : undefined;
  if (override !== undefined) synonyms.push({ name: def.name, value: override, source: ConfigSource.TOPIC_CONFIG });
  const synonym = def.brokerSynonym;
  const dynamicDefault = synonym ? CLUSTER_DYNAMIC_DEFAULTS.get(synonym) : undefined;
  if (dynamicDefault !== undefined)
    synonyms.push({ name: synonym!, value: dynamicDefault, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
  const brokerValue = synonym ? broker.get(synonym) : undefined;
  if (brokerValue !== undefined)
    synonyms.push({ name: synonym!, value: brokerValue, source: ConfigSource.STATIC_BROKER_CONFIG });
  // As Kafka: the broker-level default is a synonym only when the broker config has one.
  if (synonym && !def.noDefaultSynonym)
    synonyms.push({ name: synonym, value: def.defaultValue, source: ConfigSource.DEFAULT_CONFIG });
  const top = synonyms[0] ?? { value: def.defaultValue, source: ConfigSource.DEFAULT_CONFIG };
  return { def, value: top.value ?? def.defaultValue, source: top.source, synonyms };
}

export function resolveAllTopicConfigs(
  overrides: Readonly<Record<string, string>>,
  broker: BrokerStaticConfigs,
): ResolvedConfig[] {
  return [...TOPIC_CONFIGS.values()].map((def) => resolveTopicConfig(def, overrides, broker));
}

/** What the storage layer needs, derived from the effective topic config. */
export interface TopicLogConfig {
  segmentBytes: number;
  retentionMs: number;
  retentionBytes: number;
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
  maxMessageBytes: number;
  indexIntervalBytes: number;
  deleteRetentionMs: number;
  segmentMs: number;
  minCleanableDirtyRatio: number;
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
}

/** Longs such as Long.MAX_VALUE exceed a double's exact range; the storage layer only compares them. */
function num(v: string): number {
  const n = Number(v);
  return n > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : n;
}

export function toLogConfig(overrides: Readonly<Record<string, string>>, broker: BrokerStaticConfigs): TopicLogConfig {
  const get = (name: string) => resolveTopicConfig(TOPIC_CONFIGS.get(name)!, overrides, broker).value;
  const policies = new Set(get('cleanup.policy').split(',').filter(Boolean));
  const cleanupPolicy = policies.has('compact') ? (policies.has('delete') ? 'compact,delete' : 'compact') : 'delete';
  return {
    segmentBytes: num(get('segment.bytes')),
    retentionMs: num(get('retention.ms')),
    retentionBytes: num(get('retention.bytes')),
    cleanupPolicy,
    maxMessageBytes: num(get('max.message.bytes')),
    indexIntervalBytes: num(get('index.interval.bytes')),
    deleteRetentionMs: num(get('delete.retention.ms')),
    segmentMs: num(get('segment.ms')),
    minCleanableDirtyRatio: Number(get('min.cleanable.dirty.ratio')),
    messageTimestampType: get('message.timestamp.type') === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime',
  };
}
