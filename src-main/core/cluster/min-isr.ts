/**
 * min.insync.replicas of many topics at once (DescribeConfigs asking for that one key), in batches.
 * kafkajs fails a whole batch when one topic errs (deleted a moment ago, not authorised), so a failed
 * batch is split until the troubled topics are isolated; they simply have no figure.
 */
import type { Broker } from 'kafkajs';
import { RESOURCE_TYPE } from '../configs/describe-configs.js';

const BATCH = 1_000;
const KEY = 'min.insync.replicas';

type DescribeBroker = {
  describeConfigs(req: {
    resources: { type: number; name: string; configNames: string[] }[];
    includeSynonyms: boolean;
  }): Promise<{
    resources: { resourceName: string; configEntries: { configName: string; configValue: string | null }[] }[];
  }>;
};

async function ask(broker: DescribeBroker, topics: string[], out: Map<string, number>): Promise<void> {
  try {
    const res = await broker.describeConfigs({
      resources: topics.map((name) => ({ type: RESOURCE_TYPE.topic, name, configNames: [KEY] })),
      includeSynonyms: false,
    });
    for (const r of res.resources) {
      const v = Number(r.configEntries.find((e) => e.configName === KEY)?.configValue);
      if (Number.isInteger(v)) out.set(r.resourceName, v);
    }
  } catch (e) {
    if (topics.length === 1 || !(e as { type?: string }).type) {
      if (topics.length === 1 && (e as { type?: string }).type) return;
      throw e;
    }
    const mid = Math.ceil(topics.length / 2);
    await ask(broker, topics.slice(0, mid), out);
    await ask(broker, topics.slice(mid), out);
  }
}

export async function minIsrByTopic(broker: Broker, topics: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < topics.length; i += BATCH) {
    await ask(broker as unknown as DescribeBroker, topics.slice(i, i + BATCH), out);
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
