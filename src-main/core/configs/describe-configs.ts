import type { Broker, Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConfigResource, ConfigsResult } from '../../contract/configs.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { adminBroker } from '../cluster/controller.js';
import { leaderBroker } from '../cluster/leaders.js';
import { fetchBrokers } from '../cluster/metadata.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';
import { toConfigEntry, type RawConfigEntry } from './config-entries.js';
import { configAlterError } from './config-errors.js';

/** DescribeConfigs / AlterConfigs resource types. */
export const RESOURCE_TYPE = { topic: 2, broker: 4 } as const;

/**
 * A broker's configs are asked of that broker (only it knows its properties file); a topic's of any
 * broker.
 */
export async function brokerFor(cluster: Cluster, resource: ConfigResource): Promise<Broker> {
  const md = await fetchBrokers(cluster);
  if (resource.type === 'topic') return adminBroker(cluster, md);
  const id = Number(resource.name);
  if (!md.brokers.some((b) => b.nodeId === id)) {
    const ids = md.brokers.map((b) => b.nodeId).join(', ');
    throw new AppError('NOT_FOUND', `Broker ${id} is not part of this cluster (its brokers are ${ids}).`);
  }
  return leaderBroker(cluster, id);
}

/** Every config with synonyms, and type and documentation where the broker has them (DescribeConfigs v3+). */
export async function describeConfigs(cluster: Cluster, resource: ConfigResource): Promise<RawConfigEntry[]> {
  const broker = await brokerFor(cluster, resource);
  const version = versionFor(broker, ApiKey.DescribeConfigs);
  if (version === null) throw new AppError('KAFKA_ERROR', 'This cluster does not describe configs (DescribeConfigs).');
  const res = await sendRequest(broker, ApiKey.DescribeConfigs, version, {
    resources: [{ resourceType: RESOURCE_TYPE[resource.type], resourceName: resource.name, configurationKeys: null }],
    includeSynonyms: true,
    includeDocumentation: true,
  });
  const r = res.results[0];
  if (!r) throw new AppError('KAFKA_ERROR', 'The broker answered without configs.');
  if (r.errorCode !== 0)
    throw configAlterError({ type: errorName(r.errorCode), message: r.errorMessage }, resource, []);
  return r.configs.map((c) => ({
    name: c.name,
    value: c.value,
    readOnly: c.readOnly,
    // Version 0 has no source, only "is default".
    source: version >= 1 ? c.configSource : c.isDefault ? 5 : 0,
    sensitive: c.isSensitive,
    synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: s.source })),
    type: c.configType,
    documentation: c.documentation,
  }));
}

/** `fixedReason`: the cluster is known to refuse every change here, whatever the entries' flags say. */
export function toConfigsResult(
  resource: ConfigResource,
  raw: RawConfigEntry[],
  fixedReason: string | null = null,
): ConfigsResult {
  const entries = raw.map(toConfigEntry).sort((a, b) => a.name.localeCompare(b.name));
  const allFixed = entries.length > 0 && entries.every((e) => e.readOnly);
  const notEditableReason =
    fixedReason ??
    (allFixed
      ? resource.type === 'broker'
        ? 'Every config of this broker is read-only: the broker does not accept changes to them while it runs.'
        : 'Every config of this topic is read-only on this cluster.'
      : null);
  return { resource, entries, editable: notEditableReason === null, notEditableReason };
}
