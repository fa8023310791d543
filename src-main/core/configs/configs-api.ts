import type { configsMethods } from '../../contract/configs.js';
import type { MethodsImplementation } from '../../contract/define.js';
import { forgetMinIsr } from '../cluster/min-isr.js';
import type { CoreContext } from '../core-context.js';
import { alterConfigs } from './alter-configs.js';
import { describeConfigs, toConfigsResult } from './describe-configs.js';

export function configsApi(core: CoreContext): MethodsImplementation<typeof configsMethods> {
  return {
    'configs.describe': ({ clusterId, resource }, { signal }) =>
      core.onCluster(
        clusterId,
        resource.type === 'topic' ? { topic: resource.name } : {},
        async (c) => {
          return toConfigsResult(resource, await describeConfigs(await c.cluster(), resource));
        },
        signal,
      ),
    'configs.alter': ({ clusterId, resource, changes, validateOnly }, { signal }) =>
      core.onCluster(
        clusterId,
        resource.type === 'topic' ? { topic: resource.name } : {},
        async (c) => {
          await alterConfigs(await c.cluster(), resource, changes, validateOnly);
          if (!validateOnly) forgetMinIsr(clusterId);
          return { validateOnly };
        },
        signal,
      ),
  };
}
