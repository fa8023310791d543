import type { MethodsImplementation } from '../../contract/define.js';
import type { topicsMethods } from '../../contract/topics.js';
import { adminBroker } from '../cluster/controller.js';
import { describeLogDirs } from '../cluster/log-dirs.js';
import { cachedMinIsr, minIsrByTopic } from '../cluster/min-isr.js';
import { fetchMetadata } from '../cluster/metadata.js';
import type { CoreContext } from '../core-context.js';
import { addPartitions } from './add-partitions.js';
import { createTopic } from './create-topic.js';
import { deleteTopic } from './delete-topic.js';
import { keyMovePreview } from './key-move-preview.js';
import { purge } from './purge.js';
import { requireTopic } from './require-topic.js';
import { topicStats } from './topic-stats.js';
import { toDetail, toSummaries } from './topics.js';
import { fetchWatermarks } from './watermarks.js';

export function topicsApi(core: CoreContext): MethodsImplementation<typeof topicsMethods> {
  return {
    'topics.list': ({ clusterId }, { signal }) =>
      core.onCluster(
        clusterId,
        {},
        async (c) => toSummaries((await fetchMetadata(await c.cluster())).topicMetadata),
        signal,
      ),
    'topics.get': ({ clusterId, topic }, { signal }) =>
      core.onCluster(
        clusterId,
        { topic },
        async (c) => {
          const cluster = await c.cluster();
          const t = await requireTopic(cluster, topic);
          return toDetail(t, await fetchWatermarks(cluster, t));
        },
        signal,
      ),
    'topics.stats': ({ clusterId }, { signal }) =>
      core.onCluster(
        clusterId,
        {},
        async (c) => {
          const cluster = await c.cluster();
          const md = await fetchMetadata(cluster);
          return topicStats(
            cluster,
            md,
            async () => {
              const dirs = await describeLogDirs(cluster, md);
              // A broker that did not answer would make every size it holds look smaller than it is.
              return dirs.unavailable
                ? { sizes: null, unavailable: dirs.unavailable }
                : { sizes: dirs.topicBytes, unavailable: null };
            },
            async () => {
              const names = md.topicMetadata.map((t) => t.topic);
              return cachedMinIsr(clusterId, names, async () => minIsrByTopic(await adminBroker(cluster, md), names));
            },
          );
        },
        signal,
      ),
    'topics.create': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.name },
        async (c) => createTopic(await c.cluster(), params),
        signal,
      ),
    'topics.delete': ({ clusterId, topic, confirmName }, { signal }) =>
      core.onCluster(clusterId, { topic }, async (c) => deleteTopic(await c.cluster(), topic, confirmName), signal),
    'topics.addPartitions': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic },
        async (c) => addPartitions(await c.cluster(), params),
        signal,
      ),
    'topics.keyMovePreview': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic },
        async (c) => keyMovePreview(await c.cluster(), params),
        signal,
      ),
    'topics.purge': (params, { signal }) =>
      core.onCluster(params.clusterId, { topic: params.topic }, async (c) => purge(await c.cluster(), params), signal),
  };
}
