import type { configsMethods } from '../../contract/configs.js';
import type { MethodsImplementation } from '../../contract/define.js';
import { forgetMinIsr } from '../cluster/min-isr.js';
import type { CoreContext } from '../core-context.js';
import { alterWithFullReplace } from './alter-configs.js';
import { describeWithKafkajs, toConfigsResult } from './describe-configs.js';

export function configsApi(core: CoreContext): MethodsImplementation<typeof configsMethods> {
  return {
    'configs.describe': ({ clusterId, resource }, { signal }) =>
      core.onCluster(
        clusterId,
        resource.type === 'topic' ? { topic: resource.name } : {},
        async (c) => {
          const cluster = await c.cluster();
          return toConfigsResult(resource, await describeWithKafkajs(cluster, resource), null);
        },
        signal,
      ),
    'configs.alter': ({ clusterId, resource, changes, validateOnly }, { signal }) =>
      core.onCluster(
        clusterId,
        resource.type === 'topic' ? { topic: resource.name } : {},
        async (c) => {
          await alterWithFullReplace(await c.cluster(), resource, changes, validateOnly);
          if (!validateOnly) forgetMinIsr(clusterId);
          return { validateOnly };
        },
        signal,
      ),
  };
}
