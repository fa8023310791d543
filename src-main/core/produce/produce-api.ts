import type { MethodsImplementation } from '../../contract/define.js';
import type { produceMethods } from '../../contract/produce.js';
import type { CoreContext } from '../core-context.js';
import { produceOne } from './send.js';

export function produceApi(core: CoreContext): MethodsImplementation<typeof produceMethods> {
  return {
    'produce.send': (params, { signal }) =>
      core.onCluster(
        params.clusterId,
        { topic: params.topic, partition: params.partition ?? undefined },
        async (c) => produceOne(await c.cluster(), () => c.producer(), params, core.deps.now),
        signal,
      ),
  };
}
