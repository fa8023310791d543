import type { MethodsImplementation } from '../../contract/define.js';
import type { topicsMethods } from '../../contract/topics.js';
import { fetchMetadata } from '../cluster/metadata.js';
import type { CoreContext } from '../core-context.js';
import { requireTopic } from './require-topic.js';
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
  };
}
