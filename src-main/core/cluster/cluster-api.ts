import type { clusterMethods } from '../../contract/cluster.js';
import type { MethodsImplementation } from '../../contract/define.js';
import type { CoreContext } from '../core-context.js';
import { toBrokers } from './brokers.js';
import { adminBroker } from './controller.js';
import { describeLogDirs } from './log-dirs.js';
import { fetchMetadata } from './metadata.js';
import { cachedMinIsr, minIsrByTopic } from './min-isr.js';
import { toOverview } from './overview.js';
import { partitionHealth } from './partition-health.js';

export function clusterApi(core: CoreContext): MethodsImplementation<typeof clusterMethods> {
  return {
    'cluster.overview': ({ clusterId }, { signal }) =>
      core.onCluster(clusterId, {}, async (c) => toOverview(await fetchMetadata(await c.cluster())), signal),
    'cluster.brokers': ({ clusterId }, { signal }) =>
      core.onCluster(
        clusterId,
        {},
        async (c) => {
          const cluster = await c.cluster();
          const md = await fetchMetadata(cluster);
          const dirs = await describeLogDirs(cluster, md);
          return toBrokers(md, dirs.byBroker, dirs.unavailable);
        },
        signal,
      ),
    'cluster.partitionHealth': ({ clusterId }, { signal }) =>
      core.onCluster(
        clusterId,
        {},
        async (c) => {
          const cluster = await c.cluster();
          const md = await fetchMetadata(cluster);
          let minIsr: Map<string, number> | null = null;
          let unavailable: string | null = null;
          const names = md.topicMetadata.map((t) => t.topic);
          try {
            minIsr = await cachedMinIsr(clusterId, names, async () =>
              minIsrByTopic(await adminBroker(cluster, md), names),
            );
          } catch (e) {
            unavailable = `min.insync.replicas could not be read (${(e as Error).message}), so under-min-ISR partitions are not flagged.`;
          }
          return partitionHealth(md.topicMetadata, minIsr, unavailable, Date.now());
        },
        signal,
      ),
  };
}
