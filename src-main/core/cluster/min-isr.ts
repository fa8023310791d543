/**
 * min.insync.replicas of many topics at once: DescribeConfigs asking for that one key, in batches.
 * A topic that errs (deleted a moment ago, not authorised) simply has no figure.
 */
import type { Broker } from 'kafkajs';
import { ApiKey } from '../../kafka-protocol/index.js';
import { sendRequest, versionFor } from '../wire/codec-request.js';

const BATCH = 1_000;
const KEY = 'min.insync.replicas';
const TOPIC = 2;

export async function minIsrByTopic(broker: Broker, topics: string[]): Promise<Map<string, number>> {
  const version = versionFor(broker, ApiKey.DescribeConfigs);
  if (version === null) throw new Error('the cluster does not answer DescribeConfigs');
  const out = new Map<string, number>();
  for (let i = 0; i < topics.length; i += BATCH) {
    const res = await sendRequest(broker, ApiKey.DescribeConfigs, version, {
      resources: topics
        .slice(i, i + BATCH)
        .map((resourceName) => ({ resourceType: TOPIC, resourceName, configurationKeys: [KEY] })),
    });
    for (const r of res.results) {
      if (r.errorCode !== 0) continue;
      const v = Number(r.configs.find((c) => c.name === KEY)?.value);
      if (Number.isInteger(v)) out.set(r.resourceName, v);
    }
  }
  return out;
}

/** min.insync.replicas rarely changes; it is re-read at most this often per cluster (health refreshes every 15 s). */
const TTL_MS = 120_000;
const cache = new Map<string, { at: number; topics: Set<string>; values: Map<string, number> }>();

/** The cached values while fresh and covering every topic asked for; otherwise `read()` and remember. */
export async function cachedMinIsr(
  clusterId: string,
  topics: string[],
  read: () => Promise<Map<string, number>>,
): Promise<Map<string, number>> {
  const hit = cache.get(clusterId);
  if (hit && Date.now() - hit.at < TTL_MS && topics.every((t) => hit.topics.has(t))) return hit.values;
  const values = await read();
  cache.set(clusterId, { at: Date.now(), topics: new Set(topics), values });
  return values;
}

/** After a config change: the next health check reads min.insync.replicas again. */
export function forgetMinIsr(clusterId: string): void {
  cache.delete(clusterId);
}
