import type { clusterMethods } from '../../contract/cluster.js';
import type { MethodsImplementation } from '../../contract/define.js';
import type { CoreContext } from '../core-context.js';
import { fetchMetadata } from './metadata.js';
import { toOverview } from './overview.js';

export function clusterApi(core: CoreContext): MethodsImplementation<typeof clusterMethods> {
  return {
    'cluster.overview': ({ clusterId }, { signal }) =>
      core.onCluster(clusterId, {}, async (c) => toOverview(await fetchMetadata(await c.cluster())), signal),
  };
}
