import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConfigResource, ConfigsResult } from '../../contract/configs.js';
import { adminBroker } from '../cluster/controller.js';
import { leaderBroker } from '../cluster/leaders.js';
import { fetchMetadata, type FullMetadata } from '../cluster/metadata.js';
import { toConfigEntry, type RawConfigEntry } from './config-entries.js';

/** DescribeConfigs resource types. */
export const RESOURCE_TYPE = { topic: 2, broker: 4 } as const;

interface KafkajsDescribeConfigs {
  describeConfigs(req: {
    resources: { type: number; name: string; configNames: string[] }[];
    includeSynonyms: boolean;
  }): Promise<{
    resources: {
      errorCode: number;
      resourceName: string;
      configEntries: {
        configName: string;
        configValue: string | null;
        readOnly: boolean;
        configSource: number;
        isSensitive: boolean;
        configSynonyms?: { configName: string; configValue: string | null; configSource: number }[];
      }[];
    }[];
  }>;
}

/**
 * A broker's configs are asked of that broker (it alone knows its static file); a topic's of any
 * broker.
 */
export async function brokerFor(cluster: Cluster, md: FullMetadata, resource: ConfigResource) {
  if (resource.type === 'topic') return adminBroker(cluster, md);
  const id = Number(resource.name);
  if (!md.brokers.some((b) => b.nodeId === id)) {
    const ids = md.brokers.map((b) => b.nodeId).join(', ');
    throw new AppError('NOT_FOUND', `Broker ${id} is not part of this cluster (its brokers are ${ids}).`);
  }
  return leaderBroker(cluster, id);
}

export async function describeWithKafkajs(cluster: Cluster, resource: ConfigResource): Promise<RawConfigEntry[]> {
  const md = await fetchMetadata(cluster, resource.type === 'topic' ? [resource.name] : []);
  const broker = (await brokerFor(cluster, md, resource)) as unknown as KafkajsDescribeConfigs;
  const res = await broker.describeConfigs({
    resources: [{ type: RESOURCE_TYPE[resource.type], name: resource.name, configNames: [] }],
    includeSynonyms: true,
  });
  return (res.resources[0]?.configEntries ?? []).map((e) => ({
    name: e.configName,
    value: e.configValue,
    readOnly: e.readOnly,
    source: e.configSource,
    sensitive: e.isSensitive,
    synonyms: (e.configSynonyms ?? []).map((s) => ({
      name: s.configName,
      value: s.configValue,
      source: s.configSource,
    })),
  }));
}

export function toConfigsResult(
  resource: ConfigResource,
  raw: RawConfigEntry[],
  canAlter: string | null,
): ConfigsResult {
  const entries = raw.map(toConfigEntry).sort((a, b) => a.name.localeCompare(b.name));
  const allFixed = entries.length > 0 && entries.every((e) => e.readOnly);
  const notEditableReason =
    canAlter ??
    (allFixed
      ? resource.type === 'broker'
        ? 'Every config of this broker is read-only here: it cannot be changed while the broker runs.'
        : 'Every config of this topic is read-only on this cluster.'
      : null);
  return { resource, entries, editable: notEditableReason === null, notEditableReason };
}
