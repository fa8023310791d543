/**
 * Metadata requests sent straight to one broker of kafkajs's Cluster. Unlike admin/cluster helpers,
 * this surfaces the broker's error (an unknown topic is UNKNOWN_TOPIC_OR_PARTITION, not a retry loop
 * or a silent null), never asks for auto-creation (the browse consumer sets allowAutoTopicCreation
 * false), and keeps fields kafkajs's typings omit (clusterId, controllerId, rack, isInternal).
 */
import type { Cluster, PartitionMetadata } from 'kafkajs';
import { ApiKey } from '../../kafka-protocol/index.js';
import { sendRequest, versionFor } from '../wire/codec-request.js';

export interface TopicMetadata {
  topic: string;
  isInternal: boolean;
  topicErrorCode: number;
  partitionMetadata: (PartitionMetadata & { offlineReplicas?: number[] })[];
}

export interface FullMetadata {
  clusterId: string | null;
  controllerId: number | null;
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  topicMetadata: TopicMetadata[];
}

interface RawMetadata {
  clusterId?: string | null;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  topicMetadata: (Omit<TopicMetadata, 'isInternal'> & { isInternal?: boolean })[];
}

/**
 * Whole-cluster metadata requests in flight, per client: the topic list, its stats and partition
 * health often ask at the same moment, and on a cluster of 50,000 partitions one answer is enough.
 * Only concurrent calls share; a call made after an answer arrived asks again.
 */
const inFlight = new WeakMap<Cluster, Promise<FullMetadata>>();

/** `topics` empty means every topic. */
export function fetchMetadata(cluster: Cluster, topics: string[] = []): Promise<FullMetadata> {
  if (topics.length > 0) return fetchMetadataNow(cluster, topics);
  const running = inFlight.get(cluster);
  // A request joined while under way may have begun before the cluster came back (a restarted
  // sandbox): if it fails, this caller asks once more (shared with other late callers).
  if (running) return running.catch(() => inFlight.get(cluster) ?? startShared(cluster));
  return startShared(cluster);
}

function startShared(cluster: Cluster): Promise<FullMetadata> {
  const p = fetchMetadataNow(cluster, []).finally(() => {
    if (inFlight.get(cluster) === p) inFlight.delete(cluster);
  });
  inFlight.set(cluster, p);
  return p;
}

async function fetchMetadataNow(cluster: Cluster, topics: string[]): Promise<FullMetadata> {
  try {
    // kafkajs refreshes its own view of all topics here; one troubled topic must not block this request.
    await cluster.refreshMetadataIfNecessary();
  } catch (e) {
    if (cluster.getNodeIds().length === 0) throw e;
  }
  const ids = cluster.getNodeIds();
  let lastError: unknown = new Error('The cluster reported no brokers');
  for (const nodeId of ids) {
    let raw: RawMetadata;
    try {
      const broker = await cluster.findBroker({ nodeId: String(nodeId) });
      raw = (await broker.metadata(topics)) as unknown as RawMetadata;
    } catch (e) {
      // Broker errors about the request itself are the answer; only connection trouble moves on.
      if ((e as { type?: string }).type) throw e;
      lastError = e;
      continue;
    }
    return {
      clusterId: raw.clusterId ?? null,
      controllerId: raw.controllerId === undefined || raw.controllerId < 0 ? null : raw.controllerId,
      brokers: raw.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })),
      topicMetadata: raw.topicMetadata.map((t) => ({ ...t, isInternal: t.isInternal ?? t.topic.startsWith('__') })),
    };
  }
  throw lastError;
}

/**
 * Brokers and controller without any topic: Metadata v1+ with an empty topic list (kafkajs always
 * asks for every topic when given none, which costs a 50,000-partition answer on a big cluster).
 */
export async function fetchBrokers(cluster: Cluster): Promise<FullMetadata> {
  await cluster.refreshMetadataIfNecessary().catch((e: unknown) => {
    if (cluster.getNodeIds().length === 0) throw e;
  });
  let lastError: unknown = new Error('The cluster reported no brokers');
  for (const nodeId of cluster.getNodeIds()) {
    try {
      const broker = await cluster.findBroker({ nodeId: String(nodeId) });
      const version = versionFor(broker, ApiKey.Metadata, 12);
      // Version 0 reads an empty list as "every topic".
      if (version === null || version < 1) return await fetchMetadata(cluster);
      const res = await sendRequest(broker, ApiKey.Metadata, version, { topics: [], allowAutoTopicCreation: false });
      return {
        clusterId: res.clusterId ?? null,
        controllerId: res.controllerId < 0 ? null : res.controllerId,
        brokers: res.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })),
        topicMetadata: [],
      };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
