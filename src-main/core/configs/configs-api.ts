import type { configsMethods } from '../../contract/configs.js';
import type { MethodsImplementation } from '../../contract/define.js';
import { forgetMinIsr } from '../cluster/min-isr.js';
import type { CoreContext } from '../core-context.js';
import { alterConfigs } from './alter-configs.js';
import { describeConfigs, toConfigsResult } from './describe-configs.js';

const SANDBOX_BROKER_CONFIGS_FIXED =
  "The sandbox's broker configs are read-only while it runs; topic configs can be changed.";

export function configsApi(core: CoreContext): MethodsImplementation<typeof configsMethods> {
  return {
    'configs.describe': ({ clusterId, resource }, { signal }) =>
      core.onCluster(
        clusterId,
        resource.type === 'topic' ? { topic: resource.name } : {},
        async (c) => {
          const raw = await describeConfigs(await c.cluster(), resource);
          // The bundled broker reports Kafka's flags (for clients that compare) but refuses broker changes.
          const fixed =
            resource.type === 'broker' && (await core.profiles.require(clusterId)).sandbox
              ? SANDBOX_BROKER_CONFIGS_FIXED
              : null;
          return toConfigsResult(resource, raw, fixed);
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
